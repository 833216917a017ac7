"""French -> English gloss lexicon (accent-free, lower-case)."""

_ER = [("er", "inf", ""), ("e", "pres", "13"), ("es", "pres", "2"), ("ons", "pres", "1pl"), ("ez", "pres", "2"), ("ent", "pres", "3pl"),
       ("ant", "ger", ""), ("ee", "part", ""), ("ees", "part", ""), ("es", "part", ""), ("ais", "impf", "1"), ("ait", "impf", "3"),
       ("aient", "impf", "3pl"), ("erai", "fut", "1"), ("era", "fut", "3"), ("erais", "cond", "1"), ("erait", "cond", "3")]
_IR = [("ir", "inf", ""), ("is", "pres", "1"), ("it", "pres", "3"), ("issons", "pres", "1pl"), ("issent", "pres", "3pl"), ("i", "part", ""),
       ("ie", "part", ""), ("issais", "impf", "1"), ("issait", "impf", "3"), ("irai", "fut", "1"), ("irais", "cond", "1")]
_RE = [("re", "inf", ""), ("s", "pres", "1"), ("t", "pres", "3"), ("ons", "pres", "1pl"), ("ent", "pres", "3pl"), ("u", "part", ""),
       ("ue", "part", ""), ("ais", "impf", "1"), ("ait", "impf", "3"), ("rai", "fut", "1"), ("rais", "cond", "1")]
ENDINGS = {"er": _ER, "ir": _IR, "re": _RE}


def verb_class(lemma: str) -> tuple[str, str]:
    return lemma[-2:], lemma[:-2]


CLITICS = ("me", "m", "moi")
ENCLITIC = None
NEGATION_OPENER = ("ne", "n")
POST_NEGATORS = {"pas": "not", "jamais": "never", "plus": "no longer", "rien": "nothing", "personne": "nobody"}

PRE = [
    (r"\b([jmtslndc])'", r"\1e "), (r"\bqu'", "que "), (r"\bj\b", "je"),
    (r"\b(il|elle|on|qui|ca|cela|personne|me|te|le|la|nous|vous|lui)\s+a\b", r"\1 aa"), (r"\betre\s+vire(?:e|s)?\b", " being_fired "), (r"\bjsuis\b|\bchui\b|\bchuis\b|\bjsui\b", "je suis"), (r"\bjveux\b", "je veux"), (r"\bjpeux\b", "je peux"), (r"\bjsais\b", "je sais"),
    (r"\bpk\b|\bpq\b|\bprcq\b|\bpcq\b", " parce que "), (r"\bqd\b", " quand "), (r"\bbcp\b", " beaucoup "), (r"\bsrx\b|\bserieux\b", " serieusement "),
    (r"\bmdr+\b|\bptdr+\b|\blol\b|\bxd\b|\bhaha\w*", " lol "), (r"\btt\b", " tout "), (r"\bpr\b", " pour "), (r"\bds\b", " dans "),
    (r"\bau\b", " a le "), (r"\baux\b", " a les "), (r"\bdu\b", " de le "), (r"\bdes\b", " de les "),
    (r"\bne\s+plus\b", " no_longer "), (r"\bplus\s+jamais\b|\bjamais\s+plus\b", " never_again "),
]

PHRASES = [
    (r"c'?est\s+fini|ce\s+est\s+fini", "that is done"), (r"(?:de\s+)?arreter\s+(?:le|la|les)\s+(foot|sport|danse|musique|cours|boulot|fac|clope|cigarette|alcool)\w*", r"to quit \1"),
    (r"mal\s+(?:a|de)\s+(?:la\s+)?tete|migraine", "headache"),
    (r"(?:ma|mon)\s+(?:patronne|patron|chef|mere|pere|frere|soeur|daronne)\s+va\s+me\s+tuer", "they will be mad at me lol"),
    (r"c'?est\s+pas\s+que(?:\s+je)?|ce\s+est\s+pas\s+que(?:\s+je)?|ce\s+n'?est\s+pas\s+que(?:\s+je)?|ce\s+ne\s+est\s+pas\s+que(?:\s+je)?", "i don't"), (r"no_longer", "no_longer"), (r"never_again", "never again"),
    (r"je\s+vais|on\s+va", "i am going to"), (r"il\s+va|elle\s+va", "he is going to"),
    (r"en\s+finir|j'en\s+finis|je\s+en\s+finis|tout\s+arreter|mettre\s+fin\s+a\s+(?:mes\s+jours|tout|ma\s+vie)", "end it all"),
    (r"me\s+foutre\s+en\s+l'?air|me\s+foutre\s+en\s+le\s+air|me\s+suicider|me\s+supprimer|me\s+buter", "kill myself"),
    (r"en\s+peux\s+plus|en\s+peux\s+pas", "can't take it anymore"), (r"j'?en\s+ai\s+marre|je\s+en\s+ai\s+marre", "i am fed up"),
    (r"pour\s+de\s+bon|pour\s+toujours|a\s+jamais", "forever"), (r"d'?un\s+coup|de\s+un\s+coup", "all at once"),
    (r"ce\s+soir|cette\s+nuit", "tonight"), (r"ce\s+(?:weekend|week-end|we)", "this weekend"), (r"expres", "on purpose"),
    (r"j'?ai\s+peur|je\s+ai\s+peur", "i am afraid"), (r"avoir\s+peur", "be afraid"), (r"j'?ai\s+envie\s+de|je\s+ai\s+envie\s+de", "i want to"),
    (r"envie\s+de\s+rien|plus\s+envie\s+de\s+rien", "no desire for anything"), (r"j'?ai\s+honte|je\s+ai\s+honte", "i am ashamed"),
    (r"je\s+meurs\s+de\s+(?:faim|soif|chaud|froid|rire)|mort[e]?\s+de\s+(?:rire|fatigue|faim)|mourir\s+de\s+rire", "starving lol"),
    (r"je\s+suis\s+mort[e]?\s+avec|je\s+suis\s+mort[e]?\s+de\s+rire", "i laughed so hard with"),
    (r"tuer\s+le\s+temps", "pass the time"), (r"(?:ca|cette\s+\w+|ce\s+\w+|le\s+\w+|la\s+\w+)\s+me\s+tue\b", "this is killing me"), (r"chez\s+moi", "home"), (r"je\s+me\s+sens|me\s+sens", "i feel"),
    (r"sans\s+moi", "without me"), (r"mieux\s+sans\s+moi", "better off without me"),
    (r"ne\s+jamais\s+me\s+reveiller|ne\s+plus\s+me\s+reveiller|ne\s+plus\s+se\s+reveiller|jamais\s+me\s+reveiller|plus\s+me\s+reveiller", "never wake up"),
    (r"tous\s+les\s+(?:jours|soirs)", "every day"), (r"de\s+temps\s+en\s+temps|parfois", "sometimes"), (r"il\s+y\s+a\s+(?:des|quelques|\d+)\s+ans|ca\s+fait\s+des\s+annees|ca\s+fait\s+des\s+ans", "years ago"),
    (r"quand\s+j'?etais\s+(?:ado|petit|petite|gamin|jeune|enfant)|quand\s+je\s+etais\s+(?:ado|petit|petite|gamin|jeune|enfant)|au\s+college|au\s+lycee", "when i was a kid"),
    (r"l'an\s+dernier|l'annee\s+derniere|le\s+an\s+dernier|le\s+annee\s+derniere", "last year"), (r"le\s+mois\s+dernier", "last month"),
    (r"s'est\s+suicide[e]?|se\s+est\s+suicide[e]?|s'est\s+tue[e]?|se\s+est\s+tue[e]?", "killed himself"),
    (r"me\s+faire\s+du\s+mal|me\s+faire\s+mal|me\s+faisais\s+du\s+mal|je\s+me\s+fais\s+du\s+mal", "hurt myself"),
    (r"lettre\s+d'adieu|lettre\s+de\s+adieu", "goodbye letter"), (r"prenez\s+soin\s+de", "take care of"), (r"dire\s+adieu", "say goodbye"),
    (r"je\s+suis\s+un\s+poids|je\s+suis\s+un\s+fardeau|je\s+suis\s+une\s+charge", "i am a burden"), (r"personne\s+va|personne\s+ne\s+va", "nobody is going to"),
    (r"crises?\s+d'angoisse|crises?\s+de\s+angoisse", "panic attacks"), (r"comment\s+on\s+dit", "how do you say"), (r"c'est\s+quoi|ce\s+est\s+quoi", "what is"),
    (r"se\s+couper\s+les\s+cheveux|me\s+couper\s+les\s+cheveux", "get a haircut"), (r"a\s+cause\s+de", "because of"), (r"en\s+ce\s+moment", "right now"),
    (r"trop\s+la\s+flemme|la\s+flemme", "too lazy"), (r"je\s+sais\s+pas\s+quoi\s+faire|je\s+sais\s+pas", "i don't know"), (r"tout\s+le\s+monde", "everyone"),
    (r"il\s+y\s+a", "there is"), (r"being_fired", "being fired"), (r"l'?interet\s+de|le\s+interet\s+de|le\s+sens\s+de|la\s+raison\s+de", "the point of"), (r"a\s+l'?air|a\s+le\s+air", "seems"),
]

VERBS = """
tuer,suicider=kill/killed/R
mourir=die/died
prendre=take/took
avaler=swallow/swallowed
couper,recouper,scarifier,taillader=cut/cut/R
bruler=burn/burned/R
blesser=hurt/hurt/R
frapper,taper=hit/hit
pendre=hang/hanged/R
jeter,lancer=throw/threw/R
sauter=jump/jumped
empoisonner=poison/poisoned/R
disparaitre=disappear/disappeared
reveiller=wake up/woke up
dormir,endormir=sleep/slept
vivre=live/lived
exister=exist/existed
continuer=go on/went on
supporter=stand/stood
finir,terminer,arreter=end/ended
vouloir=want/wanted/M
desirer=wish/wished/M
penser=think/thought/M
decider=decide/decided/M
essayer=try/tried/M
pouvoir=can/could/B
devoir=must/had to/B
savoir=know/knew
avoir=have/had/A
etre=be/was/A
aller=go/went/A
faire=do/did
dire=say/said
parler=talk/talked
donner=give/gave
laisser,quitter=leave/left
ecrire=write/wrote
acheter=buy/bought
garder,stocker,cacher,accumuler=save/saved
pleurer=cry/cried
sentir=feel/felt
detester=hate/hated
aimer=love/loved
toucher=touch/touched
enfermer=lock in/locked in
menacer=threaten/threatened
violer=rape/raped
abuser=abuse/abused
crier=yell/yelled
rentrer=come home/came home
sortir=go out/went out
revenir=come back/came back
voir=see/saw
regarder=look at/looked at
raconter=tell/told
aider=help/helped
manger=eat/ate
boire=drink/drank
travailler=work/worked
jouer=play/played
conseiller=recommend/recommended
voyager=travel/traveled
perdre=lose/lost
disputer=fight/fought
comprendre=understand/understood
payer=pay/paid
tromper=cheat on/cheated on
virer=fire/fired
demander=ask for/asked for
remarquer=notice/noticed
culpabiliser=feel guilty/felt guilty
realiser=realize/realized
concentrer=focus/focused
angoisser=scare/scared
courir=run/ran
partir=leave/left
aider=help/helped
arriver=manage/managed/M
"""

IRREGULAR = """
veux=vouloir:pres:1; veut=vouloir:pres:3; voulais=vouloir:impf:1; voudrais=vouloir:cond:1; voulu=vouloir:part
peux=pouvoir:pres:1; peut=pouvoir:pres:3; pouvais=pouvoir:impf:1; pourrais=pouvoir:cond:1; pu=pouvoir:part
dois=devoir:pres:1; doit=devoir:pres:3; faut=devoir:pres:3
sais=savoir:pres:1; sait=savoir:pres:3; su=savoir:part
ai=avoir:pres:1; as=avoir:pres:2; aa=avoir:pres:3; avons=avoir:pres:1pl; ont=avoir:pres:3pl; avais=avoir:impf:1; avait=avoir:impf:3; aurai=avoir:fut:1; eu=avoir:part
suis=etre:pres:1; es=etre:pres:2; est=etre:pres:3; sommes=etre:pres:1pl; sont=etre:pres:3pl; etais=etre:impf:1; etait=etre:impf:3; serai=etre:fut:1; serait=etre:cond:3; serais=etre:cond:1; ete=etre:part
vais=aller:pres:1; va=aller:pres:3; vont=aller:pres:3pl; allais=aller:impf:1; irai=aller:fut:1; alle=aller:part; allee=aller:part
fais=faire:pres:1; fait=faire:pres:3; font=faire:pres:3pl; faisais=faire:impf:1; ferai=faire:fut:1
dis=dire:pres:1; dit=dire:pres:3
meurs=mourir:pres:1; meurt=mourir:pres:3; mort/morte=mourir:part; mourrai=mourir:fut:1
prends=prendre:pres:1; prend=prendre:pres:3; pris=prendre:part; prendrai=prendre:fut:1
bois=boire:pres:1; boit=boire:pres:3; bu=boire:part
vois=voir:pres:1; voit=voir:pres:3; vu=voir:part; verrai=voir:fut:1
dors=dormir:pres:1; dort=dormir:pres:3; dormira=dormir:fut:3; endors=dormir:pres:1; endormir=dormir:inf
vis=vivre:pres:1; vit=vivre:pres:3; vecu=vivre:part
disparais=disparaitre:pres:1; disparait=disparaitre:pres:3; disparu=disparaitre:part
ecris=ecrire:pres:1; ecrit=ecrire:part
sens=sentir:pres:1; sent=sentir:pres:3
comprend/comprends=comprendre:pres:1; compris=comprendre:part
sors=sortir:pres:1; sort=sortir:pres:3
reviens=revenir:pres:1; revient=revenir:pres:3
pars=partir:pres:1; part=partir:pres:3
"""

WORDS = """
je=i; tu=you; il=he; elle=she; on=we; nous=we; vous=you; ils/elles=they; personne=nobody; quelqu'un/quelqu=someone; moi=me; toi=you; lui=him
mon/ma/mes=my; ton/ta/tes=your; son/sa/ses=his; notre/nos=our; leur/leurs=their; me=me; te=you; se=-; le/la/les/l=the; un/une=a
ce/cet/cette/ces/ca/cela=this; celui=the one
de=of; a=to; en=in; dans=in; avec=with; sans=without; pour=for; par=by; sur=on; sous=under; chez=at; depuis=since; jusqu'a=until; entre=between; contre=against; apres=after; avant=before; pres=near
et=and; ou=or; mais=but; meme=even; parce=because; que=that; qui=who; si=if; quand=when; comme=like; comment=how; ou=where; pourquoi=why; alors/donc=so; genre=like; quoi=what
pas=not; jamais=never; rien=nothing; ni=nor; aucun/aucune=no; non=no
deja=already; encore=still; aussi=also; juste/seulement=just; tres/trop/hyper/grave=very; plus=more; moins=less; beaucoup=a lot; peu=little
tout=everything; tous=everyone; toutes=all; toute=all; chaque=every; autre=other; quelque=some
aujourd'hui/aujourd=today; hui=-; demain=tomorrow; hier=yesterday; maintenant=now; bientot=soon; toujours=always; tard=late; soir=evening; nuit=night; jour=day; semaine=week; mois=month; an/ans/annee/annees=year
ici=here; haut=up; bas=down; dehors=outside; loin=far
bien=fine; mal=bad; mieux=better; pire=worse; bon/bonne=good; facile=easy; dur/difficile/chaud=hard; nul/nulle=worthless
vie=life; mort/morte=dead; suicide=suicide; suicidaire=suicidal; overdose/surdose=overdose; adieu=goodbye; lettre/lettres=letter; mot=note; derniere/dernier=last; fin=end; interet/sens=point
medocs/medicaments/cachets/comprimes/pilules/plaquette/boites/boite/doliprane/somniferes=pills; poison=poison; corde=rope; couteau/lame/rasoir=knife; fusil/flingue/arme/pistolet=gun; briquet=lighter
pont=bridge; toit=roof; immeuble=building; balcon=balcony; fenetre=window; rails/voie=tracks; train=train; metro=subway; eau=water; placard=closet; chambre=room; maison=home; lycee/college/ecole/fac=school; boulot/taf/travail=work
bras=arms; jambes=legs; poignets=wrists; corps=body; sang=blood; profond=deep
peur=fear; triste=sad; tristesse=sadness; seul/seule=alone; solitude=loneliness; angoisse/anxiete=anxiety; panique=panic; deprime/deprimee=depressed; depression=depression; fatigue/fatiguee/epuise/epuisee/creve/crevee=exhausted; vide=empty; culpabilite=guilt; honte=shame; echec=failure; stresse/stressee=stressed; envie=desire; calme=quiet
poids/fardeau/charge=burden; raison=reason; espoir=hope; avenir=future; issue=way out; plan=plan
famille=family; mere/maman/daronne=mom; pere/papa/daron=dad; parents=parents; beau-pere=stepfather; mari=husband; femme=wife; copain=boyfriend; copine=girlfriend; frere=brother; soeur=sister; fils=son; fille=daughter; grand-mere/mamie=grandmother; cousin/cousins=cousin; ami/amie/pote/potes=friend; amis=friends; patron/patronne/chef=boss; chien=dog; chat=cat; bande=friends
salut/coucou=hi; mec=dude; lol=lol; merci=thanks; ok/okay/daccord=ok; franchement=honestly; hein=-; bah/ben=well; beau=step
exam/examen/partiel=exam; memoire=thesis; match=match; jeu=game; video=video; tel/telephone/portable=phone; appel=call; film=movie; faim=hunger; riz=rice; oeufs=eggs; cheveux=hair; court=short; glace=ice cream; chaleur=heat; idee=idea; anglais=english; capitale=capital; salle=gym; aeroport=airport; plage=beach; mail=email; gateau=cake; vaisselle=dishes; flemme=lazy; rage=anger; loyer=rent; factures=bills; therapie=therapy; ombre=shadow; fringues=clothes; console=console; chose/choses=thing; fois=time; resto=restaurant; notes=grades; rupture=breakup; malade=sick; affilee=in a row; plein=middle
frange=bangs; ongles=nails; barbe=beard; tension=blood pressure; coeur=heart; brise=broken; rasant=shaving; rasage=shaving
rhume=cold; grippe=flu; fievre=fever; foot=football
"""
