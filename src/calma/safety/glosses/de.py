"""German -> English gloss lexicon (accent-free, lower-case, "ß" as "ss"; umlauts folded to a/o/u)."""

# Weak verbs by stem (lemma minus -en/-n); strong and irregular forms are listed in IRREGULAR.
_WEAK = [("en", "inf", ""), ("n", "inf", ""), ("e", "pres", "1"), ("", "pres", "1"), ("st", "pres", "2"), ("t", "pres", "3"),
         ("et", "pres", "3"), ("te", "past", "1"), ("ete", "past", "1"), ("ten", "past", "3pl"), ("end", "ger", "")]
ENDINGS = {"en": _WEAK}


def verb_class(lemma: str) -> tuple[str, str]:
    return "en", lemma[:-2] if lemma.endswith("en") else lemma[:-1]


CLITICS = ("mich", "mir")
ENCLITIC = None
CLITIC_REACH = 6
NEGATION_OPENER = ()
POST_NEGATORS = {"nicht": "not", "nie": "never", "niemals": "never", "mehr": "no longer"}

# Separable verbs: the particle at the end of the clause goes back to its verb ("bring mich heute um" -> "umbring mich heute").
_SEP = r"([^,.!?;]*?)"
PRE = [
    (r"\bnicht\s+mehr\b|\bnich\s+mehr\b|\bnimmer\b|\bkeinen?\s+bock\s+mehr\b", " no_longer "), (r"\bnie\s+(?:mehr|wieder)\b", " never_again "),
    (r"\b(kein\w*\s+\w+)\s+mehr\b", r"\1 anymore"), (r"\bnicht\s+dass(?:\s+ich)?\b", " nicht_dass "),
    (r"\bnich\b|\bned\b|\bnet\b", " nicht "), (r"\bhab\b", " habe "), (r"\bgeh\b", " gehe "), (r"\bmach\b", " mache "), (r"\bgrad\b|\bgrade\b", " gerade "),
    (r"\bn\b|\bne\b|\bnen\b", " ein "), (r"\bs\b|\bs'\b", " es "), (r"\bweiss\b", " weiss "), (r"\bheim\b", " nach hause "),
    (r"\bim\b", " in dem "), (r"\bzum\b|\bzur\b", " zu dem "), (r"\bvom\b", " von dem "), (r"\bbeim\b", " bei dem "), (r"\bins\b", " in das "), (r"\bans\b|\bam\b", " an dem "),
    (r"\bpass(?:t|e)?\s+auf\s+([^,.!?]{1,30}?)\s+auf\b", r" take_care_of \1 "), (r"\bkummer\w*\s+(?:euch\s+|dich\s+)?um\b", " take_care_of "),
    (r"\bhaha\w*|\blol\b|\bxd\b", " lol "),
    (r"\b(bring\w*|brach\w*)\b" + _SEP + r"\bum\b(?=\s*(?:$|[,.!?;]|\bund\b|\baber\b|\bwenn\b|\bweil\b|\bdass\b))", r"um\1 \2 "),
    (r"\b(hang\w*|hing\w*|hange)\b" + _SEP + r"\bauf\b(?=\s*(?:$|[,.!?;]|\bund\b|\baber\b|\bwenn\b))", r"auf\1 \2 "),
    (r"\b(wach\w*)\b" + _SEP + r"\bauf\b(?=\s*(?:$|[,.!?;]|\bund\b|\baber\b))", r"auf\1 \2 "),
    (r"\b(hor\w*)\b" + _SEP + r"\bauf\b(?=\s*(?:$|[,.!?;]|\bund\b|\baber\b))", r"auf\1 \2 "),
    (r"\b(fass\w*|fasst)\b" + _SEP + r"\ban\b(?=\s*(?:$|[,.!?;]|\bund\b|\baber\b|\bwenn\b))", r"an\1 \2 "),
    (r"\b(sperr\w*)\b" + _SEP + r"\bein\b(?=\s*(?:$|[,.!?;]|\bund\b|\baber\b|\bwenn\b))", r"ein\1 \2 "),
    (r"\b(spring\w*|sprang)\b" + _SEP + r"\b(runter|hinunter|herunter|ab)\b(?=\s*(?:$|[,.!?;]|\bund\b|\baber\b))", r"runter\1 \2 "),
    (r"\b(tu|tue|tut)\b" + _SEP + r"\bweh\b", r"weh\1 \2 "),
]

PHRASES = [
    (r"schluss\s+(?:machen|gemacht)\s+mit|mach\w*\s+(?:ich\s+|er\s+|sie\s+)?schluss\s+mit|hat\s+mit\s+(?:mir|ihm|ihr)\s+schluss\s+gemacht", "break up with"), (r"kann\s+(?:echt\s+|einfach\s+|wirklich\s+)?(?:nicht\s+mehr|no_longer)(?=\s*,?\s*(?:ich\s+)?(?:hab|habe|so|zu)\s+(?:so\s+)?viel)", "am so exhausted"),
    (r"kopfschmerz\w*|migrane", "headache"), (r"schmerz\w*", "pain"),
    (r"angst\s+vor", "afraid of"), (r"grubel\w*|gruble", "overthink"), (r"die\s+ganze\s+zeit", "all the time"),
    (r"(?:meine?\s+)?(?:chefin|chef|mutter|mama|vater|papa|bruder|schwester)\s+bringt\s+mich\s+um", "they will be mad at me lol"),
    (r"(?:diese|die|der|das|dieser)\s+\w+\s+bringt\s+mich\s+um", "this is killing me"),
    (r"nicht_dass", "i don't"), (r"in\s+dem\s+leben", "in life"), (r"(?:das|dem|mein|meinem|sein|ihr|ihrem|des)\s+leben", "life"), (r"leben\s+lang", "life long"), (r"take_care_of", "take care of"), (r"no_longer", "no_longer"), (r"never_again", "never again"),
    (r"schluss\s+machen|mache\s+(?:ich\s+)?schluss|mach\s+(?:ich\s+)?schluss|ein\s+ende\s+machen|mache\s+(?:ich\s+)?ein\s+ende|allem\s+ein\s+ende\s+setzen", "end it all"),
    (r"mir\s+das\s+leben\s+nehmen|mir\s+das\s+leben\s+zu\s+nehmen|nehme\s+mir\s+das\s+leben", "kill myself"),
    (r"kann\s+(?:echt\s+|einfach\s+|wirklich\s+)?(?:nicht\s+mehr|no_longer)(?!\s+(?:richtig\s+|gut\s+|so\s+)?(?!leben\b)[a-z]+en\b)", "can't go on"), (r"halte\s+(?:es|das)\s+nicht\s+(?:mehr\s+)?aus|halte\s+(?:es|das)\s+no_longer\s+aus", "can't take it anymore"),
    (r"fur\s+immer|endgultig", "forever"), (r"auf\s+einmal", "all at once"), (r"schon\s+wieder|wieder", "again"),
    (r"heute\s+nacht|heute\s+abend|heut\s+nacht", "tonight"), (r"am\s+wochenende|an\s+dem\s+wochenende", "on the weekend"), (r"mit\s+absicht|absichtlich", "on purpose"),
    (r"habe\s+angst|hab\s+angst", "i am afraid"), (r"angst\s+haben", "be afraid"), (r"keinen?\s+bock|null\s+bock", "don't feel like"),
    (r"(?:ich\s+)?lach\w*\s+mich\s+tot|zum\s+totlachen|totlach\w*", "laugh so hard lol"), (r"sterbe\s+vor\s+(?:hunger|durst|langeweile)", "starving lol"),
    (r"zeit\s+totschlagen", "pass the time"), (r"todmude|hundemude", "super tired lol"),
    (r"fuhl\w*\s+mich|fuhle\s+mich", "i feel"), (r"ohne\s+mich", "without me"), (r"besser\s+ohne\s+mich|gehts\s+besser\s+ohne\s+mich|geht\s+es\s+besser\s+ohne\s+mich", "better off without me"),
    (r"nie\s+wieder\s+aufwachen|never_again\s+aufwachen|nicht\s+mehr\s+aufwachen|no_longer\s+aufwachen|nie\s+mehr\s+aufwachen", "never wake up"),
    (r"jeden\s+tag|jeden\s+abend", "every day"), (r"manchmal|ab\s+und\s+zu", "sometimes"), (r"vor\s+(?:jahren|\d+\s+jahren)|jahre\s+her|ist\s+jahre\s+her", "years ago"),
    (r"als\s+(?:teenager|kind|jugendlicher|ich\s+klein\s+war|ich\s+jung\s+war)|fruher", "when i was a kid"),
    (r"letztes\s+jahr", "last year"), (r"letzten\s+monat", "last month"), (r"letzte\s+woche", "last week"),
    (r"hat\s+sich\s+(?:\w+\s+)?umgebracht|hat\s+sich\s+(?:\w+\s+)?das\s+leben\s+genommen", "killed himself"),
    (r"mir\s+weh\s+tun|mir\s+wehtun|mir\s+(?:\w+\s+)?weh\s+tun|weh\w*\s+mir|verletze?\s+mich|mich\s+(?:selbst\s+)?verletz\w*|mich\s+selbst\s+verletzt", "hurt myself"),
    (r"abschiedsbrief\w*", "goodbye letter"), (r"tschuss\s+sagen|lebewohl\s+sagen", "to say goodbye"),
    (r"bin\s+(?:nur\s+)?eine\s+last|bin\s+(?:nur\s+)?ein\s+klotz\s+am\s+bein", "i am a burden"),
    (r"panikattacken?", "panic attacks"), (r"wie\s+sagt\s+man", "how do you say"), (r"die\s+haare\s+schneiden|haare\s+schneiden", "get a haircut"),
    (r"krieg\w*\s+nichts\s+auf\s+die\s+reihe", "can't get anything done"), (r"was\s+ich\s+tun\s+soll", "what to do"), (r"ich\s+weiss\s+nicht", "i don't know"),
    (r"allen\s+geht\w*\s+besser", "everyone would be better off"), (r"um\s+hilfe\s+(?:zu\s+)?bitten", "ask for help"), (r"checks?\s+(?:es\s+)?(?:immer\s+noch\s+)?nicht", "don't get it"),
    (r"nach\s+hause", "home"), (r"zu\s+hause|zuhause|daheim", "at home"), (r"immer\s+noch", "still"),
]

VERBS = """
umbringen,toten,killen=kill/killed/R
sterben=die/died
nehmen=take/took
schlucken=swallow/swallowed
schneiden,ritzen=cut/cut/R
verbrennen=burn/burned/R
verletzen=hurt/hurt/R
schlagen,hauen=hit/hit
aufhangen,erhangen=hang/hanged/R
werfen,sturzen=throw/threw/R
springen=jump/jumped
runterspringen=jump off/jumped off
vergiften=poison/poisoned/R
verschwinden=disappear/disappeared
aufwachen=wake up/woke up
schlafen,einschlafen=sleep/slept
leben=live/lived
existieren=exist/existed
weitermachen=go on/went on
aushalten=stand/stood
aufhoren=stop/stopped
wollen=want/wanted/M
wunschen=wish/wished/M
brauchen=need/needed/M
planen=plan/planned/M
versuchen=try/tried/M
konnen=can/could/B
mussen=must/had to/B
sollen=should/should/B
werden=will/would/BA
mochten=would like/would like/M
wissen=know/knew
haben=have/had/A
sein=be/was/A
gehen=go/went
fahren=go/went
machen,tun=do/did
sagen=say/said
reden,sprechen=talk/talked
geben=give/gave
verschenken=give away/gave away
lassen=leave/left
schreiben=write/wrote
kaufen=buy/bought
sammeln,horten,verstecken,aufheben=save/saved
heulen,weinen=cry/cried
fuhlen=feel/felt
hassen=hate/hated
lieben=love/loved
anfassen,beruhren=touch/touched
einsperren=lock in/locked in
drohen=threaten/threatened
vergewaltigen=rape/raped
missbrauchen=abuse/abused
schreien=yell/yelled
kommen=come/came
sehen=see/saw
schauen,gucken=look/looked
erzahlen=tell/told
helfen=help/helped
essen=eat/ate
trinken=drink/drank
arbeiten=work/worked
spielen=play/played
empfehlen=recommend/recommended
verlieren=lose/lost
streiten=fight/fought
verstehen=understand/understood
zahlen=pay/paid
betrugen=cheat on/cheated on
feuern=fire/fired
merken=notice/noticed
grillen=barbecue/barbecued
kochen=cook/cooked
bestehen=pass/passed
abwaschen=wash up/washed up
hocken,sitzen=sit/sat
stehen=stand/stood
liegen=lie/lay
schamen=be ashamed/was ashamed
konzentrieren=focus/focused
vermissen=miss/missed
"""

IRREGULAR = """
will=wollen:pres:1; willst=wollen:pres:2; wollte=wollen:past:1; wollen=wollen:inf
kann=konnen:pres:1; kannst=konnen:pres:2; konnte=konnen:past:1; konnen=konnen:inf
muss=mussen:pres:1; musst=mussen:pres:2; musste=mussen:past:1
soll=sollen:pres:1; sollte=sollen:past:1
werde=werden:pres:1; wirst=werden:pres:2; wird=werden:pres:3; wurde=werden:cond:1; wurdest=werden:cond:2
mochte=mochten:pres:1; mag=mochten:pres:1
weiss=wissen:pres:1; weisst=wissen:pres:2; wusste=wissen:past:1
habe=haben:pres:1; hast=haben:pres:2; hat=haben:pres:3; haben=haben:pres:1pl; hatte=haben:past:1; hatten=haben:past:3pl; hatte=haben:cond:1
bin=sein:pres:1; bist=sein:pres:2; ist=sein:pres:3; sind=sein:pres:1pl; war=sein:past:1; waren=sein:past:3pl; ware=sein:cond:1; gewesen=sein:part; sein=sein:inf
gehe=gehen:pres:1; geht=gehen:pres:3; ging=gehen:past:1; gegangen=gehen:part; gehts=gehen:pres:3
fahre=fahren:pres:1; fahrt=fahren:pres:3; gefahren=fahren:part
mache=machen:pres:1; macht=machen:pres:3; gemacht=machen:part; tue=machen:pres:1; tut=machen:pres:3; getan=machen:part
sterbe=sterben:pres:1; stirbt=sterben:pres:3; starb=sterben:past:1; gestorben=sterben:part; tot=sterben:part
nehme/nehm=nehmen:pres:1; nimmt=nehmen:pres:3; nahm=nehmen:past:1; genommen=nehmen:part
schlucke/schluck=schlucken:pres:1; geschluckt=schlucken:part
schneide=schneiden:pres:1; schneidet=schneiden:pres:3; geschnitten=schneiden:part; geritzt=schneiden:part; ritze/ritz=schneiden:pres:1
schlagt=schlagen:pres:3; schlage=schlagen:pres:1; geschlagen=schlagen:part; schlug=schlagen:past:3; haut=schlagen:pres:3
springe/spring=springen:pres:1; springt=springen:pres:3; gesprungen=springen:part; runterspringe/runterspring=runterspringen:pres:1
verschwinde=verschwinden:pres:1; verschwindet=verschwinden:pres:3; verschwunden=verschwinden:part
aufwache=aufwachen:pres:1; aufwachen=aufwachen:inf; aufgewacht=aufwachen:part
einschlafen=einschlafen:inf; schlafe/schlaf=schlafen:pres:1; schlaft=schlafen:pres:3; schlafen=schlafen:inf; geschlafen=schlafen:part
umbringe/umbring=umbringen:pres:1; umbringt=umbringen:pres:3; umbringen=umbringen:inf; umgebracht=umbringen:part; umbrachte=umbringen:past:3
aufhange/aufhang=aufhangen:pres:1; aufhangen=aufhangen:inf; aufgehangt=aufhangen:part
anfasst=anfassen:pres:3; anfassen=anfassen:inf; angefasst=anfassen:part
einsperrt=einsperren:pres:3; eingesperrt=einsperren:part
aufhort=aufhoren:pres:3; aufhore=aufhoren:pres:1; aufhoren=aufhoren:inf
gebe=geben:pres:1; gibt=geben:pres:3; gegeben=geben:part
verschenkt=verschenken:part
lasse=lassen:pres:1; lasst=lassen:pres:3
schreibe=schreiben:pres:1; geschrieben=schreiben:part
gekauft=kaufen:part; gesammelt=sammeln:part; versteckt=verstecken:part
komme/komm=kommen:pres:1; kommt=kommen:pres:3; kam=kommen:past:1; gekommen=kommen:part
sehe/seh=sehen:pres:1; sieht=sehen:pres:3; gesehen=sehen:part
esse=essen:pres:1; isst=essen:pres:3; gegessen=essen:part
trinke=trinken:pres:1; trinkt=trinken:pres:3; getrunken=trinken:part
hilft=helfen:pres:3; geholfen=helfen:part
verliere=verlieren:pres:1; verloren=verlieren:part
streiten=streiten:inf; gestritten=streiten:part
verstehe=verstehen:pres:1; versteht=verstehen:pres:3; verstanden=verstehen:part
betrogen=betrugen:part; gefeuert=feuern:part; bestanden=bestehen:part
liegt=liegen:pres:3; liege=liegen:pres:1; stehe/steh=stehen:pres:1; steht=stehen:pres:3
sitze=sitzen:pres:1; hock=hocken:pres:1; hocke=hocken:pres:1
heul=heulen:pres:1; geheult=heulen:part
schau=schauen:pres:1; geschaut=schauen:part; runtergeschaut=schauen:part; guck=gucken:pres:1
redet=reden:pres:3; spricht=sprechen:pres:3
"""

WORDS = """
ich=i; du=you; er=he; sie=she; es=it; wir=we; ihr=you; man=one; jemand=someone; niemand/keiner=nobody; alle=everyone; jeder=everyone
mein/meine/meinen/meinem/meiner/meins=my; dein/deine/deinen=your; sein/seine/seinen=his; ihre/ihren=her; unser/unsere=our; mich=me; mir=me; dich/dir=you; sich=-; ihn=him; ihm=him
der/die/das/den/dem/des=the; ein/eine/einen/einem/einer=a; dieser/diese/dieses/diesen=this; das=that
von=of; zu=to; in=in; an=at; auf=on; mit=with; ohne=without; fur=for; uber=about; seit=since; bis=until; bei=at; nach=after; vor=before; aus=from; gegen=against; wegen=because of; unter=under; um=around
und=and; oder=or; aber=but; doch=but; sondern=but; obwohl=although; weil=because; dass=that; wenn=if; als=when; wie=how; wo=where; warum=why; also=so; dann=then; sonst=otherwise
nicht=not; nie/niemals=never; nichts=nothing; kein/keine/keinen/keinem=no; weder=neither; noch=still; nein=no
schon=already; auch=also; nur/bloss=just; sehr/so/total/mega/voll/echt/richtig=very; mehr=more; weniger=less; viel=a lot; viele=many; wenig=little; einfach=just; eh=anyway; gerade=right now; sofort/gleich=right now
alles=everything; allem=everything; jede/jeden=every; andere=other; selbst=myself
heute=today; morgen=tomorrow; gestern=yesterday; jetzt=now; spater=later; bald=soon; immer=always; spat=late; nacht=night; abend=evening; tag=day; woche=week; monat=month; jahr/jahre/jahren=year
hier=here; da/dort=there; oben=up; unten=down; draussen=outside; weit=far
gut=fine; schlecht=bad; besser=better; schlimmer=worse; leicht=easy; schwer=hard; schrecklich=awful
tod=death; tot=dead; selbstmord/suizid=suicide; suizidal=suicidal; uberdosis=overdose; abschied=goodbye; tschuss=goodbye; brief/briefe=letter; letzte/letzten/letztes=last; ende=end; sinn=point
tabletten/pillen/medikamente/ibus/ibuprofen/packung/schlaftabletten=pills; gift=poison; seil/strick=rope; messer/klinge/rasierklinge=knife; pistole/waffe/gewehr=gun; feuerzeug=lighter
brucke=bridge; dach=roof; hochhaus/gebaude=building; balkon=balcony; fenster=window; gleise/schienen=tracks; zug=train; ubahn=subway; wasser=water; schrank=closet; zimmer=room; wohnung=home; schule/uni=school; arbeit=work
arme/arm=arms; beine=legs; handgelenke=wrists; korper=body; blut=blood; tief/tiefer=deep
angst=fear; traurig=sad; trauer=sadness; allein/alleine=alone; einsam=lonely; panik=panic; depressiv=depressed; depression=depression; mude/fertig/erschopft=exhausted; leer=empty; schuld=guilt; schuldig=guilty; scham=shame; versager=failure; gestresst=stressed; still=quiet
last=burden; grund=reason; hoffnung=hope; zukunft=future; ausweg=way out; plan=plan
familie=family; mutter/mama=mom; vater/papa=dad; eltern=parents; stiefvater=stepfather; mann=husband; frau=wife; freund=boyfriend; freundin=girlfriend; bruder=brother; schwester=sister; sohn=son; tochter=daughter; oma=grandmother; opa=grandfather; cousin/cousine=cousin; freunde=friends; chef/chefin=boss; hund=dog; katze=cat; jungs=guys; leute=people
hey/hallo/hi=hi; was=what; welchen/welche/welcher=which; kaum=hardly; beste/besten=best; gute/guten=good; alter/digga=dude; lol=lol; danke=thanks; ok/okay=ok; ja=yes; naja=well; krass=intense
prufung/klausur=exam; bachelorarbeit=thesis; spiel=game; video=video; handy=phone; anruf=call; film=movie; hunger=hunger; reis=rice; eiern/eier=eggs; haare=hair; kurz=short; mittel=medium; eis/eisdiele=ice cream; hitze=heat; englisch=english; hauptstadt=capital; gym=gym; flughafen=airport; meer=sea; mail=email; kuchen=cake; miete=rent; rechnungen=bills; therapie=therapy; schatten=shadow; klamotten=clothes; konsole=console; sachen=things; mal=time; trennung=breakup; krank=sick; noten=grades; hintereinander=in a row; frust=frustration; zugang=access; runter/hinunter=down; zehnmal=ten times; halbzeit=half
haare=hair; nagel=nails; bart=beard; pony=bangs; blutdruck=blood pressure; rasieren=shaving; rasur=shaving
erkaltung=cold; grippe=flu; fieber=fever
"""
