"""Spanish -> English gloss lexicon (accent-free, lower-case)."""

# (ending, tense, person); person "" for non-finite forms
_AR = [("ar", "inf", ""), ("o", "pres", "1"), ("as", "pres", "2"), ("a", "pres", "3"), ("amos", "pres", "1pl"), ("an", "pres", "3pl"),
       ("ando", "ger", ""), ("ado", "part", ""), ("ada", "part", ""), ("ados", "part", ""), ("adas", "part", ""),
       ("e", "past", "1"), ("aste", "past", "2"), ("aron", "past", "3pl"), ("aba", "impf", "1"), ("abas", "impf", "2"),
       ("aban", "impf", "3pl"), ("abamos", "impf", "1pl"), ("are", "fut", "1"), ("ara", "fut", "3"), ("aras", "fut", "2"),
       ("aremos", "fut", "1pl"), ("aran", "fut", "3pl"), ("aria", "cond", "1"), ("arias", "cond", "2"), ("arian", "cond", "3pl"),
       ("es", "subj", "2"), ("en", "subj", "3pl"), ("emos", "subj", "1pl")]
_ER = [("er", "inf", ""), ("o", "pres", "1"), ("es", "pres", "2"), ("e", "pres", "3"), ("emos", "pres", "1pl"), ("en", "pres", "3pl"),
       ("iendo", "ger", ""), ("ido", "part", ""), ("ida", "part", ""), ("idos", "part", ""), ("i", "past", "1"), ("io", "past", "3"),
       ("iste", "past", "2"), ("ieron", "past", "3pl"), ("ia", "impf", "1"), ("ias", "impf", "2"), ("ian", "impf", "3pl"),
       ("ere", "fut", "1"), ("era", "fut", "3"), ("eria", "cond", "1"), ("a", "subj", "3"), ("as", "subj", "2"), ("an", "subj", "3pl")]
_IR = [("ir", "inf", ""), ("o", "pres", "1"), ("es", "pres", "2"), ("e", "pres", "3"), ("imos", "pres", "1pl"), ("en", "pres", "3pl"),
       ("iendo", "ger", ""), ("ido", "part", ""), ("ida", "part", ""), ("i", "past", "1"), ("io", "past", "3"), ("iste", "past", "2"),
       ("ieron", "past", "3pl"), ("ia", "impf", "1"), ("ias", "impf", "2"), ("ian", "impf", "3pl"), ("ire", "fut", "1"),
       ("ira", "fut", "3"), ("iria", "cond", "1"), ("a", "subj", "3"), ("as", "subj", "2"), ("an", "subj", "3pl")]
ENDINGS = {"ar": _AR, "er": _ER, "ir": _IR}


def verb_class(lemma: str) -> tuple[str, str]:
    return lemma[-2:], lemma[:-2]


CLITICS = ("me",)
ENCLITIC = r"(\w+(?:ar|er|ir|ando|iendo))(me|te|se|lo|la|le|nos|las|los)"
NEGATION_OPENER = ()

PRE = [
    (r"\bya\s+no\b", " no_longer "),
    (r"\bno\s+(\w+)\s+(?:mas|nunca\s+mas)\b", r" no_longer \1 "),
    (r"\bq\b|\bk\b", " que "), (r"\bxq\b|\bpq\b|\bporq\b", " porque "), (r"\bpa\b", " para "),
    (r"\bd\b", " de "), (r"\bx\b", " por "), (r"\btmb\b|\btb\b", " tambien "), (r"\bnd\b", " nada "),
    (r"\bal\b", " a el "), (r"\bdel\b", " de el "),
]

PHRASES = [
    (r"(?:ropa|ropita|cosas|cuna|carrito|juguetes)\s+de\s+bebe", "baby clothes"), (r"\bbebes?\b(?=\s+(?:de|del|que|y|,|$))", "baby"),  # round 9: "bebé", not "drinks"
    (r"(?:me|te|le|nos)\s+toca(?:\s+a\s+(?:mi|ti|el|ella|nosotros))?", "it is my turn to"),
    (r"dolor\s+de\s+cabeza", "headache"), (r"dolor(?:es)?", "pain"),
    (r"me\s+(?:lo\s+|la\s+|los\s+|las\s+)?(?:regalo|regalaron|regala|regalan|regalaste)", "gave me a present"),
    (r"la\s+tarde", "the afternoon"), (r"para\s+abajo|hacia\s+abajo", "down"), (r"en\s+la\s+azotea|en\s+el\s+techo", "on the roof"),
    (r"a\s+salvo", "safe"), (r"(?:mi\s+)?(?:jefe|jefa|mama|papa|hermano|hermana|madre|padre)\s+me\s+va\s+a\s+matar", "they will be mad at me lol"),
    (r"no\s+es\s+que(?:\s+yo)?", "i don't"), (r"no_longer", "no_longer"),
    (r"voy\s+a|vamos\s+a", "i am going to"), (r"va\s+a", "is going to"), (r"vas\s+a", "you are going to"),
    (r"me\s+voy\s+a", "i am going to"), (r"me\s+va\s+a", "is going to me"),
    (r"quitarme\s+la\s+vida|quitar\s+(?:me\s+)?la\s+vida|me\s+quite\s+la\s+vida", "kill myself"),
    (r"me\s+quiero\s+morir", "i want to die"), (r"me\s+quiero\s+matar", "i want to kill myself"),
    (r"me\s+quiero\s+ir", "i want to go away"), (r"quiero\s+irme", "i want to go away"),
    (r"acabar\s+con\s+todo|terminar\s+con\s+todo|acabar\s+con\s+esto|ponerle\s+fin|ponerle\s+fin\s+a\s+todo|le\s+pongo\s+fin|acabo\s+con\s+todo", "end it all"),
    (r"acabar\s+con\s+mi\s+vida|terminar\s+con\s+mi\s+vida", "end my life"),
    (r"para\s+siempre", "forever"), (r"de\s+una\s+vez", "once and for all"), (r"de\s+nuevo|otra\s+vez", "again"),
    (r"esta\s+noche|hoy\s+en\s+la\s+noche|hoy\s+a\s+la\s+noche", "tonight"), (r"manana\s+en\s+la\s+manana", "tomorrow morning"),
    (r"fin\s+de\s+semana|finde", "weekend"), (r"a\s+proposito", "on purpose"), (r"en\s+serio|neta", "seriously"),
    (r"tengo\s+que", "i have to"), (r"hay\s+que", "one has to"), (r"tengo\s+ganas\s+de|me\s+dan\s+ganas\s+de", "i feel like"),
    (r"tengo\s+miedo", "i am afraid"), (r"tengo\s+hambre", "i am hungry"), (r"tengo\s+sueno", "i am sleepy"),
    (r"me\s+muero\s+de\s+(?:hambre|sueno|risa|calor|frio)", "i am starving lol"), (r"muert[oa]\s+de\s+(?:sueno|cansancio|hambre|risa)", "super tired lol"),
    (r"me\s+mori\s+(?:de\s+risa|con)", "i laughed so hard with"), (r"me\s+mata\s+de\s+risa", "makes me laugh so hard"),
    (r"matar\s+el\s+tiempo", "pass the time"), (r"me\s+siento", "i feel"), (r"me\s+dio|me\s+da", "it gives me"),
    (r"sin\s+mi", "without me"), (r"mejor\s+sin\s+mi", "better off without me"), (r"estarian\s+mejor|estarian\s+mas\s+tranquilos", "would be better off"),
    (r"no\s+despertar|no\s+volver\s+a\s+despertar|nunca\s+despertar", "never wake up"),
    (r"dormir\s+y\s+no\s+despertar", "sleep and never wake up"),
    (r"darse\s+cuenta|se\s+de\s+cuenta|se\s+va\s+a\s+dar\s+cuenta|se\s+dara\s+cuenta", "notice"),
    (r"sin\s+que\s+nadie\s+se\s+de\s+cuenta", "without anyone noticing"),
    (r"cada\s+vez\s+mas", "more and more"), (r"todo\s+el\s+tiempo", "all the time"), (r"todos\s+los\s+dias", "every day"),
    (r"por\s+que", "why"), (r"lo\s+que", "what"), (r"a\s+veces", "sometimes"), (r"hace\s+(?:dos|tres|muchos|unos|\d+)?\s*anos", "years ago"),
    (r"cuando\s+era\s+(?:nin[oa]|chic[oa]|adolescente)", "when i was a kid"), (r"cuando\s+tenia", "when i was"),
    (r"el\s+ano\s+pasado", "last year"), (r"la\s+semana\s+pasada", "last week"), (r"el\s+mes\s+pasado", "last month"),
    (r"se\s+suicido|se\s+mato|se\s+quito\s+la\s+vida", "killed himself"),
    (r"me\s+hago\s+dano|me\s+hice\s+dano|hacerme\s+dano|me\s+hacia\s+dano", "hurt myself"),
    (r"carta\s+de\s+despedida", "goodbye letter"), (r"botiquin", "medicine cabinet"),
    (r"lo\s+tengo\s+decidido|ya\s+lo\s+decidi", "i have made up my mind"), (r"ya\s+se\s+como", "i already know how"),
    (r"ya\s+tengo\s+como\s+hacerlo", "i already have the way to do it"),
    (r"no\s+me\s+busquen", "don't look for me"), (r"cuiden\s+a", "take care of"), (r"los\s+quiero", "i love you"),
    (r"me\s+canse|estoy\s+cansad[oa]", "i am tired"), (r"ya\s+me\s+canse", "i am done"),
    (r"sobr[oa]\s+en", "i am unwanted in"), (r"soy\s+un\s+estorbo|soy\s+una\s+carga", "i am a burden"),
    (r"me\s+corrieron|me\s+despidieron", "i got fired"), (r"me\s+dejo", "left me"), (r"me\s+cae\s+bien|le\s+caigo\s+bien", "likes me"),
    (r"cortar\s+(?:me\s+)?el\s+pelo|cortarme\s+el\s+pelo", "get a haircut"),
    (r"como\s+se\s+dice", "how do you say"), (r"que\s+opinas", "what do you think"), (r"por\s+donde\s+empiezo", "where do i start"),
]

VERBS = """
matar=kill/killed/R
suicidar=kill/killed/R
morir=die/died
tomar=take/took
tragar=swallow/swallowed
cortar=cut/cut/R
quemar=burn/burned/R
lastimar=hurt/hurt/R
golpear=hit/hit/R
pegar=hit/hit
ahorcar,colgar=hang/hanged/R
tirar,aventar,lanzar,arrojar=throw/threw/R
saltar,brincar=jump/jumped
disparar=shoot/shot/R
envenenar=poison/poisoned/R
desaparecer=disappear/disappeared
despertar=wake up/woke up
dormir=sleep/slept
vivir=live/lived
existir=exist/existed
seguir=go on/went on
aguantar,soportar=stand/stood
acabar,terminar=end/ended
querer=want/wanted//M
desear=wish/wished//M
necesitar=need/needed//M
pensar=think/thought//M
planear=plan/planned//M
decidir=decide/decided//M
intentar,tratar=try/tried//M
preferir=prefer/preferred//M
poder=can/could//B
deber=should/should//B
saber=know/knew
tener=have/had//A
estar=be/was//A
ser=be/was//A
ir=go/went//A
hacer=do/did
decir=say/said
dar=give/gave
regalar=give away/gave away
dejar=leave/left
escribir=write/wrote
comprar=buy/bought
guardar,juntar,acumular,esconder=save/saved
llevar=spend/spent
subir=go up/went up
buscar=look for/looked for
llorar=cry/cried
sentir=feel/felt
odiar=hate/hated
amar=love/loved
extranar=miss/missed
tocar=touch/touched
encerrar=lock in/locked in
amenazar=threaten/threatened
violar=rape/raped
abusar=abuse/abused
gritar=yell at/yelled at
llegar=arrive/arrived
salir=go out/went out
entrar=come in/came in
volver=come back/came back
pasar=pass/passed
ver=see/saw
mirar=look at/looked at
hablar=talk/talked
contar=tell/told
ayudar=help/helped
comer=eat/ate
beber=drink/drank
cocinar=cook/cooked
trabajar=work/worked
estudiar=study/studied
jugar=play/played
tocar=play/played
aprender=learn/learned
recomendar=recommend/recommended
viajar=travel/traveled
llamar=call/called
perder=lose/lost
pelear,discutir=fight/fought
procesar=process/processed
comparar=compare/compared
levantar=get up/got up
caer=fall/fell
dar=give/gave
importar=matter/mattered
merecer=deserve/deserved
cansar=tire/tired
valer=be worth/was worth
despedir=say goodbye/said goodbye
perdonar=forgive/forgave
cuidar=take care of/took care of
arruinar=ruin/ruined
entender=understand/understood
"""

IRREGULAR = """
quiero=querer:pres:1; quieres=querer:pres:2; quiere=querer:pres:3; queremos=querer:pres:1pl; quieren=querer:pres:3pl; quise=querer:past:1; quisiera=querer:cond:1; quiera=querer:subj:1
puedo=poder:pres:1; puedes=poder:pres:2; puede=poder:pres:3; pueden=poder:pres:3pl; pude=poder:past:1; podria=poder:cond:1
pienso=pensar:pres:1; piensas=pensar:pres:2; piensa=pensar:pres:3; pense=pensar:past:1
muero=morir:pres:1; mueres=morir:pres:2; muere=morir:pres:3; mueren=morir:pres:3pl; murio=morir:past:3; mori=morir:past:1; muera=morir:subj:1; muriera=morir:subj:1; muriendo=morir:ger; muerto/muerta=morir:part
duermo=dormir:pres:1; duerme=dormir:pres:3; durmiendo=dormir:ger
siento=sentir:pres:1; sientes=sentir:pres:2; siente=sentir:pres:3; senti=sentir:past:1; sintiendo=sentir:ger
sigo=seguir:pres:1; sigue=seguir:pres:3; siguiendo=seguir:ger
tengo=tener:pres:1; tienes=tener:pres:2; tiene=tener:pres:3; tienen=tener:pres:3pl; tuve=tener:past:1; tenia=tener:impf:1; tendre=tener:fut:1
estoy=estar:pres:1; estas=estar:pres:2; esta=estar:pres:3; estamos=estar:pres:1pl; estan=estar:pres:3pl; estuve=estar:past:1; estaba=estar:impf:1; estaria=estar:cond:1; estuviera=estar:subj:1
soy=ser:pres:1; eres=ser:pres:2; es=ser:pres:3; somos=ser:pres:1pl; son=ser:pres:3pl; fui=ser:past:1; fue=ser:past:3; era=ser:impf:3; seria=ser:cond:3; sea=ser:subj:3
voy=ir:pres:1; vas=ir:pres:2; va=ir:pres:3; vamos=ir:pres:1pl; van=ir:pres:3pl; iba=ir:impf:1; ido=ir:part; yendo=ir:ger
hago=hacer:pres:1; hace=hacer:pres:3; hice=hacer:past:1; hizo=hacer:past:3; hecho=hacer:part; hare=hacer:fut:1; hacerlo=hacer:inf
digo=decir:pres:1; dice=decir:pres:3; dijo=decir:past:3; dije=decir:past:1; dicho=decir:part
doy=dar:pres:1; da=dar:pres:3; di=dar:past:1; dio=dar:past:3
sabe=saber:pres:3; supe=saber:past:1
despierto=despertar:pres:1; despierte=despertar:subj:1
cuelgo=colgar:pres:1; colgue=colgar:past:1; colgada/colgado=colgar:part
vuelvo=volver:pres:1; volvi=volver:past:1; vuelve=volver:pres:3
salgo=salir:pres:1; sale=salir:pres:3
veo=ver:pres:1; viendo=ver:ger; vi=ver:past:1; visto=ver:part
pierdo=perder:pres:1
juego=jugar:pres:1
entiendo=entender:pres:1; entiende=entender:pres:3
escrito=escribir:part
encierra=encerrar:pres:3; encierro=encerrar:pres:1
caigo=caer:pres:1
aguanto=aguantar:pres:1
aviento=aventar:pres:1; avientas=aventar:pres:2; tiro=tirar:pres:1; lanzo=lanzar:pres:1
"""

WORDS = """
yo=i; tu=you; el=the; ella=she; nosotros=we; ellos=they; ellas=they; usted=you; ustedes=you
mi/mis=my; tu/tus=your; su/sus=his; nuestro/nuestra=our; conmigo=with me; mio/mia=mine; me=me; te=you; se=-; le/les=to him; lo=it; la=the; los/las=the
un/una/uno=a; unos/unas=some; este/esta/esto=this; ese/esa/eso=that; estos/estas/esos/esas=these; aquel=that
de=of; a=to; en=in; con=with; sin=without; por=for; para=to; sobre=about; desde=from; hasta=until; entre=between; hacia=toward; contra=against
y/e=and; o/u=or; pero=but; aunque=although; porque=because; que=that; si=if; cuando=when; donde=where; mientras=while; pues=well; entonces=so
no=not; nunca/jamas=never; nada=nothing; nadie=nobody; ni=nor; tampoco=either; ningun/ninguna/ninguno=no; sino=but
ya=already; todavia/aun=still; tambien=also; solo/nomas/namas=just; muy/super/re=very; mas=more; menos=less; tan=so; tanto=so much; mucho/mucha=a lot; muchos/muchas=many; poco=little
todo=everything; todos=everyone; todas=all; toda=all; algo=something; alguien=someone; cada=every; otro/otra=another; mismo=same
hoy=today; manana=tomorrow; ayer=yesterday; anoche=last night; ahora/ahorita=now; luego=later; pronto=soon; despues=after; antes=before; siempre=always; tarde=late; temprano=early; noche=night; dia=day; semana=week; mes=month; ano/anos=year
aqui/aca=here; alli/alla/ahi=there; arriba=up; abajo=down; afuera=outside; adentro=inside; lejos=far; cerca=near
bien=fine; mal=bad; mejor=better; peor=worse; bueno=good; buena=good; malo=bad; facil=easy; dificil=hard; horrible/fatal=awful
vida=life; muerte=death; muerto/muerta=dead; suicidio=suicide; suicida=suicidal; sobredosis=overdose; despedida=goodbye; adios=goodbye; carta/cartas=letter; nota=note; ultima/ultimo=last; fin=end
pastillas/pildoras/tabletas/pastilla=pills; medicinas/medicamentos/medicina=medication; paracetamol=paracetamol; veneno=poison; soga/cuerda=rope; navaja/cuchilla/cuchillo=knife; hoja=blade; pistola/arma/escopeta=gun; encendedor=lighter
puente=bridge; azotea/techo=roof; edificio=building; balcon=balcony; ventana=window; vias=tracks; tren=train; metro=subway; autopista=highway; vacio=void; cajon=drawer; closet=closet; cuarto=room; casa=home; escuela/colegio/uni/universidad=school; trabajo/chamba=work; clase=class
brazos=arms; brazo=arm; piernas=legs; munecas=wrists; cuerpo=body; sangre=blood; hondo/profundo=deep
miedo=fear; triste=sad; tristeza=sadness; sola/solo=alone; soledad=loneliness; ansiedad=anxiety; panico=panic; ataques=attacks; deprimido/deprimida=depressed; depresion=depression; cansado/cansada=tired; harto/harta=fed up; vacio/vacia=empty; culpa=guilt; culpable=guilty; verguenza=shame; fracaso=failure; estresado/estresada=stressed; agotado/agotada=exhausted
carga=burden; estorbo=burden; sentido=meaning; caso=point; razon=reason; esperanza=hope; futuro=future; salida=way out; plan=plan; ganas=desire
familia=family; mama/madre=mom; papa/padre=dad; papas/padres=parents; padrastro=stepfather; madrastra=stepmother; esposo/marido=husband; esposa=wife; novio=boyfriend; novia=girlfriend; pareja=partner; hermano=brother; hermana=sister; hermanos=siblings; hijo=son; hija=daughter; abuela=grandmother; abuelo/abuelito=grandfather; tio=uncle; tia=aunt; primo/primos=cousin; amigo/amiga=friend; amigos=friends; jefe/jefa=boss; perro/perrita=dog; gato=cat; gente=people
wey/guey/mano/tio/loco=dude; oye=hey; hola=hi; jaja/jajaja/jajajaja/jeje/xd/lol=lol; porfa=please; gracias=thanks; vale/ok/okay=ok; bueno=well; neta=seriously; bien=well
examen=exam; tesis=thesis; partido=match; juego=game; meme=meme; cel/celular/movil=phone; bateria=battery; peli/pelicula/pelis=movie; terror=horror; arroz=rice; huevos=eggs; cafe=coffee; pelo=hair; verano=summer; guitarra=guitar; ingles=english; trafico=traffic; viaje=trip; correo=email; casero=landlord; cereal=cereal; ejercicio=exercise; aeropuerto=airport; capital=capital; horas=hours; hora=hour; deudas=debts
matador=brutal; flojera=lazy; coraje=anger; ideas=ideas; mucho=a lot; lugar=place; segundo=second; tiempo=time; cosas=things; ropa=clothes; cuenta=notice
pelo=hair; fleco/flequillo=bangs; unas=nails; barba=beard; presion=blood pressure; cenar=dinner
resfriado/gripa/gripe=cold; fiebre=fever; platos=dishes; lavar=wash
"""
