"""Portuguese -> English gloss lexicon (accent-free, lower-case; Brazilian and European)."""

_AR = [("ar", "inf", ""), ("o", "pres", "1"), ("as", "pres", "2"), ("a", "pres", "3"), ("amos", "pres", "1pl"), ("am", "pres", "3pl"),
       ("ando", "ger", ""), ("ado", "part", ""), ("ada", "part", ""), ("ados", "part", ""), ("adas", "part", ""),
       ("ei", "past", "1"), ("ou", "past", "3"), ("aste", "past", "2"), ("aram", "past", "3pl"), ("ava", "impf", "1"),
       ("avam", "impf", "3pl"), ("arei", "fut", "1"), ("ara", "fut", "3"), ("aria", "cond", "1"), ("e", "subj", "1"), ("em", "subj", "3pl"),
       ("asse", "subj", "1"), ("ar-me", "inf", "")]
_ER = [("er", "inf", ""), ("o", "pres", "1"), ("es", "pres", "2"), ("e", "pres", "3"), ("emos", "pres", "1pl"), ("em", "pres", "3pl"),
       ("endo", "ger", ""), ("ido", "part", ""), ("ida", "part", ""), ("i", "past", "1"), ("eu", "past", "3"), ("este", "past", "2"),
       ("eram", "past", "3pl"), ("ia", "impf", "1"), ("iam", "impf", "3pl"), ("erei", "fut", "1"), ("era", "fut", "3"), ("eria", "cond", "1"),
       ("a", "subj", "1"), ("esse", "subj", "1")]
_IR = [("ir", "inf", ""), ("o", "pres", "1"), ("es", "pres", "2"), ("e", "pres", "3"), ("imos", "pres", "1pl"), ("em", "pres", "3pl"),
       ("indo", "ger", ""), ("ido", "part", ""), ("ida", "part", ""), ("i", "past", "1"), ("iu", "past", "3"), ("iste", "past", "2"),
       ("iram", "past", "3pl"), ("ia", "impf", "1"), ("iam", "impf", "3pl"), ("irei", "fut", "1"), ("ira", "fut", "3"), ("iria", "cond", "1"),
       ("a", "subj", "1"), ("isse", "subj", "1")]
ENDINGS = {"ar": _AR, "er": _ER, "ir": _IR}


def verb_class(lemma: str) -> tuple[str, str]:
    return lemma[-2:], lemma[:-2]


CLITICS = ("me",)
ENCLITIC = r"(\w+(?:ar|er|ir|ando|endo|indo))(me|te|se|lo|la|nos)"
NEGATION_OPENER = ()

PRE = [
    (r"(\w)-(me|se|te|lo|la|nos)\b", r"\1\2"),  # matar-me -> matarme
    (r"\bnao\s+(\w+)\s+mais\b", r" no_longer \1 "), (r"\bja\s+nao\b", " no_longer "), (r"\bnunca\s+mais\b", " never_again "),
    (r"\bnao\s+(?:quero|aguento|consigo|vou|posso|sei)\b.*?\bnao\b$", lambda m: m.group(0)[:-4]),  # "nao quero morrer nao"
    (r"\b(essa|esse|isso|esta|este|isto|ela|ele|tudo|nao|que|qual|onde|quem|so|ja|aqui|ai|voce|eu)\s+e\b", r"\1 eh"), (r"\bnao\s+que\b", " nao_que "),
    (r"\bq\b|\bk\b", " que "), (r"\bvc\b|\bvoce\b|\btu\b", " voce "), (r"\bpq\b|\bporq\b", " porque "), (r"\bn\b", " nao "),
    (r"\bto\b", " estou "), (r"\bta\b", " esta "), (r"\btava\b", " estava "), (r"\bpra\b|\bpro\b|\bpros\b|\bpras\b", " para "),
    (r"\bdo\b|\bda\b|\bdos\b|\bdas\b", " de "), (r"\bno\b|\bna\b|\bnos\b|\bnas\b", " em "), (r"\bao\b|\baos\b", " a "),
    (r"\bnum\b|\bnuma\b", " em um "), (r"\bdum\b|\bduma\b", " de um "), (r"\btb\b|\btbm\b", " tambem "), (r"\bmt\b|\bmto\b", " muito "),
    (r"\bkk+\w*|\bhaha\w*|\brs+\b", " lol "),
]

PHRASES = [
    (r"peso\s+morto", "dead weight"), (r"sair\s+de\s+vez|vou\s+sair\s+de\s+vez", "quit for good"),
    (r"dor\s+de\s+cabeca", "headache"),
    (r"(?:minha\s+|meu\s+)?(?:chefe|mae|pai|irmao|irma)\s+(?:vai\s+)?me\s+matar", "they will be mad at me lol"),
    (r"nao_que(?:\s+eu)?", "i don't"), (r"no_longer", "no_longer"), (r"never_again", "never again"), (r"todo\s+mundo", "everyone"), (r"a\s+gente", "we"),
    (r"ia(?:m)?\s+ficar\s+melhor|ficaria(?:m)?\s+melhor|estaria(?:m)?\s+melhor", "would be better off"),
    (r"vou|vamos", "i am going to"), (r"vai", "is going to"), (r"to\s+indo", "i am going"),
    (r"tirar\s+a\s+(?:minha\s+)?(?:propria\s+)?vida|tirar\s+minha\s+vida", "kill myself"),
    (r"acabar\s+com\s+(?:tudo|isso|isso\s+tudo)|acabo\s+com\s+(?:tudo|isso)|por\s+um\s+fim|dar\s+um\s+fim", "end it all"),
    (r"acabar\s+com\s+a\s+minha\s+vida|acabar\s+com\s+minha\s+vida", "end my life"),
    (r"de\s+vez|pra\s+sempre|para\s+sempre", "forever"), (r"de\s+uma\s+vez", "all at once"), (r"de\s+novo|outra\s+vez", "again"),
    (r"hoje\s+(?:a|de)\s+noite|essa\s+noite|esta\s+noite", "tonight"), (r"fim\s+de\s+semana|findi", "weekend"),
    (r"de\s+proposito", "on purpose"), (r"de\s+verdade|serio", "seriously"), (r"tenho\s+que|preciso", "i need to"),
    (r"tenho\s+medo|to\s+com\s+medo|estou\s+com\s+medo", "i am afraid"), (r"morrendo\s+de\s+(?:fome|sono|rir|calor|frio)", "starving lol"),
    (r"mort[oa]\s+de\s+(?:sono|cansaco|fome|rir)", "super tired lol"), (r"morri\s+(?:de\s+rir|com)", "i laughed so hard with"),
    (r"me\s+mata\s+de\s+rir", "makes me laugh so hard"), (r"matar\s+(?:o\s+)?tempo", "pass the time"),
    (r"me\s+sinto", "i feel"), (r"sem\s+mim", "without me"), (r"melhor\s+sem\s+mim", "better off without me"),
    (r"nunca\s+mais\s+acordar|nao\s+acordar\s+mais|nao\s+acordar|nunca\s+acordar", "never wake up"),
    (r"sentir\s+falta", "miss me"), (r"vai\s+sentir\s+falta", "will miss me"),
    (r"todo\s+dia|todos\s+os\s+dias", "every day"), (r"o\s+dia\s+todo", "all day"), (r"as\s+vezes", "sometimes"),
    (r"faz\s+(?:anos|muito\s+tempo|\d+\s+anos)", "years ago"), (r"na\s+adolescencia|quando\s+eu\s+era\s+(?:mais\s+nov[oa]|crianca|adolescente)", "when i was a kid"),
    (r"ano\s+passado", "last year"), (r"mes\s+passado", "last month"), (r"semana\s+passada", "last week"),
    (r"se\s+matou|se\s+suicidou|tirou\s+a\s+propria\s+vida", "killed himself"),
    (r"me\s+machuc\w+|machucar\s+me", "hurt myself"), (r"carta\s+de\s+despedida", "goodbye letter"),
    (r"ja\s+decidi|ta\s+decidido|esta\s+decidido", "i have made up my mind"), (r"ja\s+sei\s+(?:como|onde)", "i already know where"),
    (r"cuidem\s+d[eo]", "take care of"), (r"sou\s+um\s+peso|sou\s+uma\s+carga|sou\s+um\s+fardo", "i am a burden"),
    (r"fui\s+demitid[oa]", "i got fired"), (r"terminei\s+o\s+namoro|terminou\s+comigo", "we broke up"),
    (r"cortar\s+o\s+cabelo", "get a haircut"), (r"cair\s+na\s+real|cai\s+na\s+real", "realize"), (r"crise\s+de\s+ansiedade", "anxiety attack"),
    (r"nao\s+consigo\s+parar", "can't stop"), (r"o\s+que\s+faco", "what do i do"), (r"bora", "let's"),
]

VERBS = """
matar,suicidar=kill/killed/R
morrer=die/died
tomar=take/took
engolir=swallow/swallowed
cortar=cut/cut/R
queimar=burn/burned/R
machucar,ferir=hurt/hurt/R
bater=hit/hit
enforcar=hang/hanged/R
jogar,atirar=throw/threw/R
pular,saltar=jump/jumped
envenenar=poison/poisoned/R
sumir,desaparecer=disappear/disappeared
acordar=wake up/woke up
dormir=sleep/slept
viver=live/lived
existir=exist/existed
continuar,seguir=go on/went on
aguentar,suportar=take it/took it
acabar,terminar=end/ended
querer=want/wanted/M
desejar=wish/wished/M
precisar=need/needed/M
pensar=think/thought/M
planejar=plan/planned/M
decidir=decide/decided/M
tentar=try/tried/M
conseguir=manage/managed/M
poder=can/could/B
dever=should/should/B
saber=know/knew
ter=have/had/A
estar=be/was/A
ficar=be/was/A
ser=be/was/A
ir=go/went/A
fazer=do/did
dizer,falar=say/said
dar=give/gave
doar=give away/gave away
deixar=leave/left
escrever=write/wrote
comprar=buy/bought
guardar,juntar,separar,esconder,acumular=save/saved
chorar=cry/cried
sentir=feel/felt
odiar=hate/hated
amar=love/loved
tocar=touch/touched
trancar=lock in/locked in
ameacar=threaten/threatened
estuprar=rape/raped
abusar=abuse/abused
gritar=yell at/yelled at
chegar=arrive/arrived
sair=go out/went out
voltar=come back/came back
ver=see/saw
olhar=look at/looked at
contar=tell/told
ajudar=help/helped
comer=eat/ate
beber=drink/drank
trabalhar=work/worked
estudar=study/studied
jogar=play/played
indicar,recomendar=recommend/recommended
viajar=travel/traveled
perder=lose/lost
brigar=fight/fought
entender=understand/understood
parar=stop/stopped
avisar=tell/told
pedir=ask for/asked for
pagar=pay/paid
trair=cheat on/cheated on
marcar=plan/planned
lavar=wash/washed
focar=focus/focused
correr=run/ran
demitir=fire/fired
"""

IRREGULAR = """
eh=ser:pres:3; queira=querer:subj:1
quero=querer:pres:1; quer=querer:pres:3; queria=querer:impf:1; quis=querer:past:1; queremos=querer:pres:1pl
posso=poder:pres:1; pode=poder:pres:3; pude=poder:past:1; podia=poder:impf:1; poderia=poder:cond:1
penso=pensar:pres:1; pensando=pensar:ger
morro=morrer:pres:1; morreu=morrer:past:3; morri=morrer:past:1; morrendo=morrer:ger; morto/morta=morrer:part
durmo=dormir:pres:1; dorme=dormir:pres:3; dormirem=dormir:subj:3pl
sinto=sentir:pres:1; sente=sentir:pres:3
consigo=conseguir:pres:1; consegue=conseguir:pres:3
tenho=ter:pres:1; tem=ter:pres:3; tinha=ter:impf:1; tive=ter:past:1; teve=ter:past:3
estou=estar:pres:1; esta=estar:pres:3; estamos=estar:pres:1pl; estao=estar:pres:3pl; estava=estar:impf:1; estive=estar:past:1
fico=ficar:pres:1; fica=ficar:pres:3; ficar=ficar:inf; ficaria=ficar:cond:3; ia=ir:impf:3
sou=ser:pres:1; somos=ser:pres:1pl; sao=ser:pres:3pl; fui=ser:past:1; foi=ser:past:3; era=ser:impf:3; seria=ser:cond:3; seja=ser:subj:3
faco=fazer:pres:1; faz=fazer:pres:3; fiz=fazer:past:1; fez=fazer:past:3; feito=fazer:part; farei=fazer:fut:1
digo=dizer:pres:1; diz=dizer:pres:3; disse=dizer:past:3; dito=dizer:part
dou=dar:pres:1; da=dar:pres:3; dei=dar:past:1; deu=dar:past:3
sei=saber:pres:1; sabe=saber:pres:3
vejo=ver:pres:1; vi=ver:past:1; viu=ver:past:3; visto=ver:part
saio=sair:pres:1; sai=sair:pres:3
perco=perder:pres:1
peco=pedir:pres:1
machuco=machucar:pres:1
aguento=aguentar:pres:1
"""

WORDS = """
eu=i; voce=you; ele=he; ela=she; nos=we; eles/elas=they; a gente=we; ninguem=nobody; alguem=someone; todo mundo=everyone
meu/minha/meus/minhas=my; seu/sua/seus/suas=his; dele=his; dela=her; comigo=with me; me=me; te=you; se=-; lhe=to him; o=the; a=the; os/as=the
um/uma=a; uns/umas=some; este/esta/esse/essa/isso/isto=this; aquele/aquela=that
de=of; em=in; com=with; sem=without; por=for; para=to; sobre=about; desde=since; ate=until; entre=between; contra=against
e=and; ou=or; mas=but; porem=but; embora=although; porque=because; que=that; se=if; quando=when; como=how; onde=where; entao=so; tipo=like
nao=not; nunca=never; nada=nothing; nem=nor; nenhum/nenhuma=no
ja=already; ainda=still; tambem=also; so/apenas=just; muito/muita=a lot; muitos/muitas=many; mais=more; menos=less; tao=so; pouco=little
tudo=everything; todos=everyone; todas=all; toda=all; algo=something; cada=every; outro/outra=another; mesmo=same
hoje=today; amanha=tomorrow; ontem=yesterday; agora=now; depois=after; antes=before; sempre=always; tarde=late; noite=night; dia=day; semana=week; mes=month; ano/anos=year
aqui/ca=here; ali/la=there; perto=near; longe=far; cima=top; baixo=down
bem=fine; mal=bad; melhor=better; pior=worse; bom/boa=good; ruim=bad; facil=easy; dificil=hard; horrivel=awful
vida=life; morte=death; morto/morta=dead; suicidio=suicide; suicida=suicidal; overdose=overdose; despedida=goodbye; adeus/tchau=goodbye; carta/cartas=letter; bilhete=note; ultima/ultimo=last; fim=end; sentido=meaning
remedios/remedio/comprimidos/comprimido/pilulas/cartela/calmantes=pills; medicamentos=medication; rivotril=rivotril; veneno=poison; corda=rope; faca/lamina/gilete=knife; arma/revolver/pistola=gun; isqueiro=lighter
ponte/passarela/viaduto=bridge; telhado/terraco/laje=roof; predio=building; sacada/varanda=balcony; janela=window; trilhos=tracks; trem=train; metro=subway; agua=water; gaveta=drawer; quarto=room; casa=home; escola/faculdade=school; trabalho/estagio=work
bracos=arms; braco=arm; pernas=legs; pulsos=wrists; corpo=body; sangue=blood; fundo=deep
medo=fear; triste=sad; tristeza=sadness; sozinho/sozinha=alone; solidao=loneliness; ansiedade=anxiety; panico=panic; deprimido/deprimida=depressed; depressao=depression; cansado/cansada=tired; vazio/vazia=empty; culpa=guilt; culpado=guilty; vergonha=shame; fracasso=failure; lixo=trash; estressado/estressada=stressed; ansioso/ansiosa=anxious; vontade=desire; silenciosa=quiet
peso/fardo=burden; razao=reason; esperanca=hope; futuro=future; saida=way out; plano=plan
familia=family; mae=mom; pai=dad; pais=parents; padrasto=stepfather; marido=husband; esposa=wife; namorado=boyfriend; namorada=girlfriend; irmao=brother; irma=sister; filho=son; filha=daughter; vo/avo=grandmother; tio=uncle; tia=aunt; primo/primos=cousins; amigo/amiga=friend; amigos=friends; chefe=boss; cachorro=dog; gato=cat; galera=friends
mano/cara/vei/veio=dude; oi/ola=hi; lol=lol; gente=guys; valeu/obrigado/obrigada=thanks; beleza/blz/ok=ok; tranquilo=fine; certo=fine
prova=exam; tcc=thesis; jogo=game; video=video; celular=phone; call=call; filme=movie; fome=hunger; frango=chicken; batata=potato; cabelo=hair; curto=short; medio=medium; churrasco=barbecue; sorvete=ice cream; calor=heat; dica=tip; golaco=goal; ingles=english; capital=capital; academia=gym; aeroporto=airport; praia=beach; email=email; bolo=cake; louca=dishes; preguica=lazy; raiva=anger; aluguel=rent; contas=bills; terapia=therapy; sombra=shadow; punk=tough; roupas=clothes; videogame=videogame; coisa/coisas=things; vez=time
pressao=blood pressure; unhas=nails; barba=beard; franja=bangs
time=team; resfriado/gripe=cold; febre=fever
"""
