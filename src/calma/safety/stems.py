"""Crisis cues in es/pt/fr/de from the languages' structure, not from sample sentences.

The phrase lexicons (`calma.safety.lexicons`) list whole phrasings, and on text written by
someone else they missed most crises: "pienso tomármelas todas", "ja separei os remédios",
"ich stehe gerade auf der Brücke und will springen". Here each language has a small table of
*roles* (a death or self-harm verb stem in any person or tense, a means, a preparation, an
intent or time, a farewell, a blow against a person) and a crisis is a *combination* of roles
in one sentence, the way a counselor hears it: means + taking them all, a preparation + means,
a high place + jumping, possessions given away + "I won't need them", a blow + now or a weapon.
Each role alone is too common to route on. A sentence that is negated before its cue, told in
the past, about someone else, or inside an idiom does not count (the lexicon's own checks).

`risk_stem` is the fallback of the last resort: a death or self-harm stem that nothing
explained away keeps a message out of small talk even when no rule fired.

Text comes in `plain` (lower-case, accent-free) and with texting shorthand spelled out
(`spell_out`): "kiero", "jveux", "vc", "hab" read as "quiero", "je veux", "voce", "habe".
"""

from __future__ import annotations

import re

# Shorthand and typos, per language; applied on plain text before any lexicon reads it.
_SHORTHAND = {
    "es": [(r"\b(?:kiero|qiero|kero|qero|qro)\b", "quiero"), (r"\b(?:xq|pq|porq)\b", "porque"), (r"\bq\b", "que"),
           (r"\btb\b", "tambien"), (r"\btoy\b", "estoy"), (r"\bnd\b", "nada"), (r"\bmorirm\b", "morirme")],
    "pt": [(r"\bvc\b", "voce"), (r"\b(?:pq|pk)\b", "porque"), (r"\bq\b", "que"), (r"\b(?:tb|tbm)\b", "tambem"),
           (r"\b(?:mt|mto)\b", "muito"), (r"\bhj\b", "hoje"), (r"\bnd\b", "nada"), (r"\btd\b", "tudo"),
           (r"\bn\b(?=\s+(?:quero|aguento|consigo|tenho|sei|vou|posso|da|e)\b)", "nao"), (r"\b(?:kero|qro|qero|kro)\b", "quero")],
    "fr": [(r"\bj'?(?:suis|sui)\b|\bchui[s]?\b|\bjsui[s]?\b", "je suis"),
           (r"\bj'?(?=(?:veux|vais|peux|sais|me|m'|te|pense|crois|dois|fais|disparais|en)\b)", "je "),
           (r"\bpa\b", "pas"), (r"\bpk\b", "pourquoi"), (r"\bjpp\b", "j'en peux plus"), (r"\bstp\b", "s'il te plait")],
    "de": [(r"\bhab\b", "habe"), (r"\bnich\b", "nicht"), (r"\bnix\b", "nichts"), (r"\bbissl\b", "bisschen"),
           (r"\bgehts\b", "geht es"), (r"\bwill\s+nimmer\b", "will nicht mehr")],
}
_SHORTHAND = {lang: [(re.compile(p), r) for p, r in rules] for lang, rules in _SHORTHAND.items()}


def spell_out(text: str, language: str) -> str:
    for rx, replacement in _SHORTHAND.get(language, ()):
        text = rx.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


def _rx(pattern: str) -> re.Pattern:
    return re.compile(r"\b(?:" + pattern + r")\b")


# Roles per language. Verb stems cover persons, tenses and clitics ("matarme", "me mato",
# "me maté", "tomármelas"); German lists separable verbs whole and split ("bringe mich ... um").
ROLES = {
    "es": {
        "death": r"morir\w*|muer[oa]|muera\w*|matarme|me\s+mat(?:o|e|are|aria)|suicid\w*|ahorc\w*|colgarme|me\s+cuelgo|envenen\w*|quitar(?:me)?\s+la\s+vida|acabar\s+con\s+(?:todo|mi\s+vida|esto)|terminar\s+con\s+(?:todo|mi\s+vida)|no\s+despertar\w*|dejar\s+de\s+(?:vivir|existir)",
        "harm": r"cortarme|me\s+(?:estoy\s+)?cort(?:o|e|ando|aba)|volvi\s+a\s+cortarme|lastimarme|me\s+lastimo|hacerme\s+dano|me\s+hago\s+dano|quemarme|autolesi\w*",
        "life_refusal": r"no\s+(?:\w+\s+){0,2}(?:quiero|aguanto|soporto|puedo)\s+(?:mas\s+)?(?:seguir\s+)?(?:vivir|viviendo|existir|estar\s+viv[oa])|no\s+quiero\s+(?:seguir|continuar)(?!\s+(?:con|en|estudiando|trabajando))",
        "means": r"pastillas|pildoras|tabletas|medicinas|medicamentos|remedios|frasco|soga|cuerda|pistola|arma|escopeta|revolver|cuchillo|navaja|cuchilla|veneno|raticida|lejia|cloro",
        "place": r"puente|azotea|techo|edificio|balcon|vias|tren|metro|acantilado|precipicio",
        "take": r"tom\w*|trag\w*|beb\w*|ingerir|usar(?:la|lo)?|todas|todos|de\s+golpe|de\s+una\s+vez|un\s+monton",
        "jump": r"salt\w*|tirar(?:me)?|me\s+tir\w+|lanzar(?:me)?|me\s+lanz\w+|aventar(?:me)?|me\s+avient\w+|arrojar(?:me)?",
        "intent": r"quiero|quisiera|voy\s+a|vo\s+a|pienso|pensando|tengo\s+ganas|me\s+dan\s+ganas|decidi|he\s+decidido|necesito|ya\s+(?:es\s+hora|se\s+como)|planeo",
        "prep": r"junte|juntando|guarde|guardando|guardad[oa]s?|he\s+(?:juntado|guardado)|acumul\w+|escondi|escondid[oa]s|prepare|tengo\s+listas?",
        "buy": r"compre|he\s+comprado|consegui|ya\s+tengo",
        "giveaway": r"regale|he\s+regalado|regalando|le\s+di\s+(?:mi|mis)|repart\w+\s+mis",
        "finality": r"no\s+(?:los|las|lo|la|me)\s+(?:voy\s+a\s+)?(?:necesitar|hara\s+falta)|ya\s+no\s+(?:los|las|lo|la)\s+necesito|donde\s+voy|no\s+voy\s+a\s+estar|para\s+siempre|ultim[oa]\s+vez|despedi\w*|adios\s+a\s+todos|cuiden\s+(?:a|de)\s+mi",
        "farewell": r"carta\w*\s+de\s+despedida|me\s+(?:he\s+)?despedi\w*\s+de\s+(?:todos|todo\s+el\s+mundo|mi\s+familia|mis)|despedirme\s+de\s+(?:todos|mi\s+familia)",
        "blow": r"(?:me|la|lo|nos)\s+(?:pega|golpea|patea|ahorca|estrangula|viola|amenaza)\w*|(?:esta|estan)\s+(?:pegando|golpeando|pateando)\w*|entra\s+(?:a|en)\s+mi\s+(?:cuarto|cama|habitacion)|me\s+toca\w*",
        "danger_now": r"ahora|ahorita|en\s+este\s+momento|esta\s+(?:en\s+(?:la\s+)?casa|aqui)|viene|llega|llego|esta\s+noche|miedo|ayuda|auxilio|cuchillo|pistola|arma",
    },
    "pt": {
        "death": r"morr\w*|minha\s+morte|mat(?:ar|o|ei)[\s-]?me|me\s+mat(?:ar|o|ei|arei)|suicid\w*|enforc\w*|envenen\w*|tirar\s+(?:a\s+)?(?:minha\s+)?(?:propria\s+)?vida|acabar\s+com\s+(?:tudo|minha\s+vida|isso)|nunca\s+mais\s+acordar|nao\s+acordar|sumir\s+(?:pra|para)\s+sempre|deixar\s+de\s+(?:viver|existir)",
        "harm": r"cort(?:ar|o|ei|ando)[\s-]?me|me\s+cort(?:ar|o|ei|ando)|me\s+machuc(?:ar|o)|machucar[\s-]?me|me\s+ferir|me\s+queim\w+|autolesa\w*|automutila\w*",
        "life_refusal": r"nao\s+(?:\w+\s+){0,2}(?:quero|aguento|suporto|consigo)\s+(?:mais\s+)?(?:viver|existir|continuar\s+vivendo|estar\s+viv[oa])",
        "means": r"remedios|comprimidos|pilulas|calmantes|medicamentos|frasco|corda|arma|revolver|pistola|faca|lamina|gilete|veneno|chumbinho",
        "place": r"ponte|telhado|predio|viaduto|sacada|janela|trilhos|trem|metro|penhasco",
        "take": r"tom\w*|engol\w*|beb\w*|todos|todas|de\s+uma\s+vez|um\s+monte",
        "jump": r"pul\w+|me\s+jog\w+|jogar[\s-]?me|me\s+atir\w+|atirar[\s-]?me|salt\w+",
        "intent": r"quero|queria|vou|penso|pensando|tenho\s+vontade|decidi|preciso|ja\s+sei\s+(?:como|onde)|planejo|planejando",
        "prep": r"juntei|juntando|guardei|guardando|guardad[oa]s?|separei|separad[oa]s?|escondi|escondid[oa]s|acumul\w+|preparei",
        "buy": r"comprei|consegui|ja\s+tenho",
        "giveaway": r"dei\s+(?:meu|minha|meus|minhas)|doei|distribui\s+(?:meus|minhas)",
        "finality": r"nao\s+vou\s+(?:mais\s+)?precisar|nao\s+vou\s+estar|pra\s+sempre|para\s+sempre|ultima\s+vez|despedi\w*|adeus|cuidem\s+d[oa]",
        "farewell": r"cartas?\s+de\s+despedida|me\s+despedi\s+de\s+(?:todos|todo\s+mundo|minha\s+familia)|bilhete\s+de\s+despedida",
        "blow": r"(?:me|te|nos)\s+(?:bate|espanca|chuta|enforca|estupra|ameaca)\w*|(?:ta|esta|estao)\s+(?:batendo|espancando|chutando|ameacando)\s+(?:em\s+mim|n[ao]\s+minh?[ao]|na\s+gente|em\s+n[oó]s|nel[ae]|n[ao]\s+meu)|me\s+toca\w*|entra\s+no\s+meu\s+quarto",
        "danger_now": r"agora|nesse\s+momento|neste\s+momento|ta\s+(?:em\s+casa|aqui)|esta\s+(?:em\s+casa|aqui)|chegando|chegou|hoje\s+a\s+noite|medo|socorro|ajuda|faca|arma|revolver",
    },
    "fr": {
        "death": r"mourir|meurs|meure|mourrai\w*|me\s+tuer|je\s+(?:vais\s+)?me\s+tu\w*|suicid\w*|pendre|me\s+pend\w*|empoisonn\w*|en\s+finir|mettre\s+fin\s+a\s+(?:mes\s+jours|ma\s+vie)|plus\s+me\s+reveiller|ne\s+jamais\s+me\s+reveiller|disparaitre\s+pour\s+toujours",
        "harm": r"scarifi\w*|me\s+coup\w+|me\s+taillad\w+|me\s+faire\s+du\s+mal|me\s+fais\s+du\s+mal|me\s+bless\w+|me\s+brul\w+|automutil\w*",
        "life_refusal": r"(?:ne\s+)?(?:veux|supporte|peux)\s+plus\s+(?:de\s+)?(?:vivre|cette\s+vie|exister)|(?:n'ai|ai)\s+plus\s+envie\s+de\s+vivre|marre\s+de\s+(?:vivre|la\s+vie)",
        "means": r"cachets|medicaments|medocs|comprimes|pilules|somniferes|corde|arme|pistolet|flingue|fusil|couteau|lame|rasoir|poison|boite",
        "place": r"pont|toit|immeuble|balcon|fenetre|rails|train|metro|falaise|viaduc",
        "take": r"aval\w*|pren\w*|tous|toutes|d'un\s+coup|la\s+boite|d'un\s+seul\s+coup",
        "jump": r"saut\w+|me\s+jet\w+|jeter|me\s+lanc\w+|me\s+balanc\w+",
        "intent": r"veux|voudrais|vais|pense|pensais|envie|decide|j'ai\s+decide|besoin|compte|prevu|crois\s+que\s+je\s+vais",
        "prep": r"garde|gardes|mis\s+de\s+cote|stocke\w*|accumul\w+|caches?|prepare|j'ai\s+tout\s+prevu",
        "buy": r"achete|j'ai\s+achete|recupere|j'ai\s+trouve",
        "giveaway": r"donne\s+(?:mon|ma|mes)|j'ai\s+donne|offert\s+(?:mon|ma|mes)|distribue\s+mes",
        "finality": r"ne\s+serai\s+plus\s+la|serai\s+plus\s+la|n'en\s+aurai\s+plus\s+besoin|pour\s+toujours|derniere\s+fois|adieu\w*|prenez\s+soin\s+de",
        "farewell": r"lettres?\s+d'adieu|dit\s+adieu\s+a\s+(?:tout\s+le\s+monde|tous|ma\s+famille)|fait\s+mes\s+adieux",
        "blow": r"me\s+(?:frappe|cogne|tabasse|gifle|etrangle|viol\w+|menace|bat\b)\w*|m'(?:a\s+)?(?:frapp\w+|etrangl\w+|viol\w+|cogn\w+)|(?:la|le|nous)\s+(?:frappe|cogne|tabasse)|me\s+touche\w*",
        "danger_now": r"maintenant|(?:est|il\s+est|elle\s+est)\s+la|en\s+ce\s+moment|a\s+cote|a\s+la\s+maison|arrive|rentre|ce\s+soir|peur|aide|au\s+secours|couteau|arme",
    },
    "de": {
        "death": r"sterb\w*|stirb\w*|tot\s+sein|umbring\w*|umzubringen|bringe?\s+mich\s+(?:\w+\s+){0,4}um|mich\s+(?:\w+\s+){0,3}(?:umbringen|toten|erhangen|aufhangen|erschiessen|vergiften)|suizid\w*|selbstmord\w*|mir\s+das\s+leben\s+(?:zu\s+)?nehmen|nicht\s+mehr\s+aufwachen|schluss\s+machen(?!\s+mit\s+(?:ihm|ihr|meine\w*))",
        "harm": r"ritz\w*|geritzt|schneide\s+mich|mich\s+(?:\w+\s+)?schneiden|verletze\s+mich|mich\s+(?:\w+\s+)?verletzen|mir\s+weh\s*(?:zu\s+)?tun|selbstverletz\w*",
        "life_refusal": r"(?:will|mag|kann|mochte)\s+(?:\w+\s+){0,2}nicht\s+mehr\s+(?:\w+\s+)?(?:leben|existieren|weiterleben|da\s+sein)|keine\s+lust\s+mehr\s+(?:zu|auf(?:s|\s+das))\s+leben",
        "means": r"tabletten|pillen|medikamente|schlaftabletten|strick|seil|waffe|pistole|messer|klinge|rasierklinge|gift|packung",
        "place": r"brucke|dach|hochhaus|balkon|fenster|gleise|zug|klippe",
        "take": r"nehm\w*|genommen|schluck\w*|geschluckt|alle|auf\s+einmal|die\s+ganze",
        "jump": r"spring\w*|gesprungen|sprung|stuerz\w*|sturz\w*|werf\w*\s+mich",
        "intent": r"will|werde|mochte|moechte|denke\s+daran|habe\s+(?:mich\s+)?entschieden|plane|weiss\s+(?:wie|wo)|habe\s+vor",
        "prep": r"gesammelt|gehortet|versteckt|bereit\s*gelegt|zur\s+seite\s+gelegt|sammle|horte|vorbereitet",
        "buy": r"gekauft|besorgt|kaufe",
        "giveaway": r"verschenkt|verschenke|weggegeben|vermacht",
        "finality": r"brauche\s+(?:sie|es|das)\s+nicht\s+mehr|nicht\s+mehr\s+da|fur\s+immer|letzte[sn]?\s+mal|verabschiedet|lebt\s+wohl|passt\s+auf\s+\w+\s+auf",
        "farewell": r"mich\s+von\s+(?:allen|meiner\s+familie|euch|meinen\s+\w+)\s+verabschiedet|abschiedsbrief\w*|abschied\s+genommen",
        "blow": r"(?:schlagt|schlaegt|verprugelt|wurgt|tritt|vergewaltigt|bedroht)\s+(?:mich|uns|meine\s+\w+|meinen\s+\w+)|(?:hat|haben)\s+mich\s+(?:geschlagen|gewurgt|vergewaltigt)|fasst\s+mich\s+an",
        "danger_now": r"jetzt|gerade|gleich|nach\s+hause|zu\s+hause|heute\s+nacht|kommt|ist\s+(?:da|hier)|angst|hilfe|messer|waffe",
    },
}
# Round 6: broader roles, each a family of everyday phrasings rather than sample sentences.
# Drug names people give when they have taken or hoarded them; English slipped into a message
# ("i can't anymore, ..."); possessions and pets entrusted; letters; being a burden or wanting to
# disappear; having decided; being locked in; a threat to kill; fear that he comes back.
_DRUGS = (r"paracetamol|acetaminofen\w*|ibuprofen\w*|doliprane|dafalgan|efferalgan|tylenol|aspirin\w*|clonazepam|rivotril"
          r"|diazepam|valium|alprazolam|xanax|lorazepam|lexotan|tramadol|fluoxetin\w*|sertralin\w*|quetiapin\w*|zolpidem"
          r"|insulin\w*|cartela|blister|plaquette|somnifer\w*|schlaftablette\w*")
_EN_STRONG = r"i\s+want\s+to\s+die|kill\s+myself|end\s+my\s+life|i\s+wanna\s+die"
_EN_FINAL = r"i\s+can'?t\s+(?:do\s+this\s+|take\s+it\s+|go\s+on\s+)?anymore|i\s+can'?t\s+go\s+on|i'?m\s+done|i\s+give\s+up|goodbye\s+(?:everyone|forever)"
_EXTRA = {
    "es": {
        "death": _EN_STRONG + r"|no\s+despertar(?:me)?\s+nunca|no\s+volver\s+a\s+despertar|dormir(?:me)?\s+para\s+siempre",
        "harm": r"me\s+(?:estoy\s+)?quem(?:o|e|ando|aba)|me\s+volvi\s+a\s+cortar|volvi\s+a\s+cortar(?:me)?|me\s+cort\w*\s+(?:los\s+|el\s+|las\s+|la\s+)?(?:brazos?|munecas?|piernas?|venas)",
        "means": _DRUGS + r"|encendedor|cigarro",
        "prep": r"list[oa]s?|preparad[oa]s?",
        "finality": r"ya\s+no\s+voy\s+a\s+estar|hasta\s+nunca|cuiden\s+(?:a|de)\s+mis?",
        "over": _EN_FINAL + r"|todo\s+se\s+acabo|se\s+acabo\s+(?:todo|para\s+mi)|todo\s+termino|es\s+el\s+final|ya\s+no\s+puedo\s+mas",
        "quantity": r"todas|todos|toda\s+la|todo\s+el|el\s+frasco|la\s+caja|un\s+monton|muchas|demasiadas|\d{2,}|veinte|treinta|cuarenta|cincuenta|cien",
        "thanks_all": r"gracias\s+por\s+todo|perdon(?:en)?\s+por\s+todo|los\s+quiero\s+a\s+todos",
        "letter": r"(?:escrib\w+|deje)\s+(?:las\s+cartas|(?:una\s+|unas\s+)?cartas?\s+(?:para|a)\s+(?:mi|mis|cada))",
        "burden": r"(?:soy|ser)\s+(?:una?\s+)?(?:carga|estorbo)|estarian\s+mejor\s+sin\s+mi|mejor\s+sin\s+mi|desaparecer|desapareciera|desaparezca|esfumarme|ya\s+no\s+estar\s+aqui",
        "decided": r"ya\s+(?:lo\s+)?decidi|tome\s+(?:la|una|mi)\s+decision|ya\s+esta\s+decidido",
        "confine": r"me\s+(?:encerr(?:o|aron|a|an)\b(?!\s+(?:afuera|fuera))|tiene\s+encerrad[oa]|tienen\s+encerrad[oa])|no\s+me\s+deja\s+salir|me\s+quit(?:o|aron)\s+(?:el\s+)?(?:celular|telefono|movil)",
        "threat": r"(?:dijo|dice|amenaz\w+)\s+(?:con\s+)?que\s+me\s+(?:va|iba)\s+a\s+matar|me\s+amenaz\w+\s+con\s+matarme|amenaz\w+\s+de\s+muerte",
        "fear_return": r"miedo\s+(?:de\s+)?que\s+(?:vuelva|regrese|venga|llegue|me\s+encuentre)|sabe\s+donde\s+vivo",
    },
    "pt": {
        "death": _EN_STRONG + r"|nunca\s+mais\s+acordar|dormir\s+pra\s+sempre|dormir\s+para\s+sempre",
        "harm": r"queim\w+\s+(?:o\s+|meu\s+|minha\s+|os\s+|meus\s+)?(?:braco|bracos|pulso|pulsos|perna|pernas|coxa|coxas|pele|barriga)|me\s+queim\w+"
                r"|cortei\s+(?:o\s+|meu\s+|os\s+|meus\s+|minha\s+)?(?:braco|bracos|pulso|pulsos|coxa|coxas|perna|pernas)",
        "means": _DRUGS + r"|isqueiro|cigarro",
        "prep": r"pront[oa]s?|amarrei|amarrad[oa]",
        "finality": r"vou\s+embora\s+(?:pra|para)\s+sempre|nunca\s+mais\s+(?:me\s+)?ver",
        "over": _EN_FINAL + r"|(?:tudo|minha\s+vida)\s+acabou|acabou\s+(?:pra|para)\s+mim|e\s+o\s+fim|nao\s+aguento\s+mais",
        "quantity": r"todos|todas|inteir[ao]|toda\s+a|o\s+frasco|a\s+caixa|um\s+monte|muitos|muitas|\d{2,}|vinte|trinta|quarenta|cinquenta|cem",
        "thanks_all": r"obrigad[oa]\s+por\s+tudo|desculp\w+\s+por\s+tudo|amo\s+voces",
        "letter": r"(?:escrevi|deixei)\s+(?:as\s+cartas|(?:uma\s+|umas\s+)?cartas?\s+(?:pra|para)\s+(?:minha|meu|meus|minhas|cada))",
        "burden": r"(?:sou|ser)\s+(?:um\s+|uma\s+)?(?:peso(?!\s+morto)|fardo|estorvo)|melhor\s+sem\s+mim|sumir|desaparecer",
        "decided": r"ja\s+decidi|tomei\s+(?:a|minha|uma)\s+decisao|esta\s+decidido",
        "confine": r"me\s+tranc(?:ou|aram|a|am)\b(?!\s+(?:pra|para|do\s+lado\s+de)\s+fora)|me\s+prend(?:eu|e)\s+(?:em\s+casa|no\s+quarto)|nao\s+me\s+deixa\s+sair|(?:levou|pegou|tirou|tomou)\s+(?:o\s+)?meu\s+celular",
        "threat": r"(?:disse|falou|ameac\w+)\s+que\s+(?:ia|vai)\s+me\s+matar|ameac\w+\s+de\s+morte|me\s+ameac\w+\s+de\s+morte",
        "fear_return": r"medo\s+(?:de\s+)?que\s+ele\s+(?:volte|venha|chegue|me\s+ache)|medo\s+dele\s+voltar|sabe\s+onde\s+eu\s+moro",
    },
    "fr": {
        "death": _EN_STRONG + r"|(?:ne\s+)?plus\s+jamais\s+me\s+reveiller|ne\s+plus\s+me\s+reveiller|me\s+foutre\s+en\s+l'air|dormir\s+pour\s+toujours",
        "harm": r"je\s+me\s+suis\s+(?:encore\s+)?(?:coupe\w*|brule\w*|scarifie\w*)",
        "means": _DRUGS + r"|briquet|cigarette",
        "prep": r"pret[e]?s?",
        "finality": r"vous\s+ne\s+me\s+reverrez\s+plus",
        "over": _EN_FINAL + r"|c'est\s+fini|c'est\s+la\s+fin|j'en\s+peux\s+plus",
        "quantity": r"toute\s+la|tous\s+les|toutes\s+les|la\s+boite|une\s+boite|la\s+plaquette|entier\w*|plein\s+de|trop\s+de|\d{2,}|vingt|trente|quarante|cinquante|cent",
        "thanks_all": r"merci\s+pour\s+tout|pardon\s+pour\s+tout|je\s+vous\s+aime\s+tous",
        "letter": r"(?:ecrit|laisse)\s+(?:mes\s+lettres|(?:une\s+|des\s+)?lettres?\s+(?:a|pour)\s+(?:ma|mon|mes|chacun))",
        "burden": r"(?:je\s+suis|etre)\s+(?:un\s+)?(?:poids|fardeau)|mieux\s+sans\s+moi|disparaitre|disparaisse",
        "decided": r"j'ai\s+pris\s+ma\s+decision|c'est\s+decide|j'ai\s+decide",
        "confine": r"m'a\s+enferm\w*|m'enferm(?:e|ent)\b|me\s+laisse\s+pas\s+sortir|ne\s+me\s+laisse\s+pas\s+sortir|(?:pris|confisque|casse)\s+mon\s+(?:telephone|portable)",
        "threat": r"(?:dit|menace)\s+qu'il\s+(?:allait|va)\s+me\s+tuer|menace\w*\s+de\s+(?:me\s+tuer|mort)",
        "fear_return": r"peur\s+qu'il\s+(?:revienne|rentre|me\s+retrouve)|sait\s+ou\s+j'habite",
    },
    "de": {
        "death": _EN_STRONG + r"|nie(?:mals)?\s+(?:wieder|mehr)\s+aufwachen|fur\s+immer\s+(?:schlafen|einschlafen)",
        "harm": r"verbrenne\s+mich|mich\s+(?:\w+\s+){0,2}verbrannt|mich\s+(?:\w+\s+)?verbrennen",
        "means": _DRUGS + r"|feuerzeug|zigarette",
        "prep": r"(?:liegt|liegen|hangt|hangen|steht|ist|sind)\s+(?:\w+\s+){0,3}bereit|alles\s+bereit",
        "finality": r"kummert\s+euch\s+um|macht'?s\s+gut\s+fur\s+immer",
        "over": _EN_FINAL + r"|es\s+ist\s+vorbei|das\s+ist\s+das\s+ende|kann\s+nicht\s+mehr",
        "quantity": r"alle|die\s+ganze|eine\s+ganze|ganze\w*|viele|zu\s+viele|\d{2,}|zwanzig|dreissig|vierzig|funfzig|hundert",
        "thanks_all": r"danke\s+fur\s+alles|entschuldigt\s+(?:bitte\s+)?alles|ich\s+liebe\s+euch\s+alle",
        "letter": r"(?:meiner|meinem|meinen)\s+\w+\s+(?:einen\s+|den\s+)?brief\w*\s+geschrieben|brief\w*\s+an\s+(?:meine|meinen|mein)\s+\w+\s+geschrieben|abschiedsbrief\w*",
        "burden": r"(?:eine|nur\s+eine)\s+(?:last|belastung)|besser\s+(?:dran\s+)?ohne\s+mich|verschwinden",
        "decided": r"(?:habe|hab)\s+mich\s+entschieden|es\s+ist\s+entschieden|mein\s+entschluss\s+steht",
        "confine": r"(?:hat|haben)\s+mich\s+(?:\w+\s+){0,3}eingesperrt|sperr\w*\s+mich\s+(?:\w+\s+){0,3}ein|lasst\s+mich\s+nicht\s+raus|(?:handy|telefon)\s+(?:\w+\s+)?weggenommen",
        "threat": r"(?:gesagt|gedroht|droht|sagt),?\s+(?:dass\s+)?(?:er|sie)\s+(?:bringt|bringe|wird)\s+mich\s+(?:\w+\s+)?um|droht\w*\s+mich\s+umzubringen|mit\s+dem\s+tod\s+gedroht",
        "fear_return": r"angst,?\s+dass\s+(?:er|sie)\s+(?:zuruckkommt|wiederkommt|wieder\s+kommt|kommt|mich\s+findet)|weiss,?\s+wo\s+ich\s+wohne",
    },
}
# Opened veins and the like need no intent or time to be a crisis; "harto de vivir" refuses life;
# a blow in the past tense with "again" or drink is abuse going on; nobody would miss me is a burden.
_MORE = {
    "es": {"harm_strong": r"(?:cortar\w*|me\s+cort\w*|abr\w+)\s+(?:las\s+)?venas|(?:cortar\w*|me\s+cort\w*)\s+las\s+munecas",
           "life_refusal": r"(?:hart[oa]|cansad[oa])\s+de\s+vivir",
           "blow": r"me\s+(?:pego|golpeo|pateo|ahorco|estrangulo|violo|empujo)\b(?!\s+(?:el|la|un|una|los|las|mi)\b)",
           "danger_now": r"borrach\w+|otra\s+vez|de\s+nuevo|gritando",
           "dose": r"pastilla|pildora|medicina|medicamento|remedio|tableta",
           "quantity": r"un\s+bote|el\s+bote|una\s+caja|un\s+frasco|un\s+blister",
           "burden": r"nadie\s+me\s+(?:extranaria|va\s+a\s+extranar|echaria\s+de\s+menos|va\s+a\s+echar\s+de\s+menos)"},
    "pt": {"harm_strong": r"cort\w+\s+(?:os\s+|meus\s+)?pulsos|cort\w+\s+(?:as\s+|minhas\s+)?veias",
           "life_refusal": r"cansad[oa]\s+de\s+viver",
           "blow": r"me\s+(?:bateu|espancou|chutou|enforcou|estuprou|empurrou)",
           "danger_now": r"gritando|de\s+novo|outra\s+vez|bebad\w+|la\s+fora",
           "dose": r"remedio|comprimido|pilula|calmante|medicamento",
           "quantity": r"uma\s+caixa|um\s+frasco|uma\s+cartela",
           "burden": r"ninguem\s+(?:vai|iria|ia)\s+sentir\s+(?:a\s+)?(?:minha\s+)?falta"},
    "fr": {"harm_strong": r"(?:ouvert|ouvrir|taillad\w+|coupe\w*)\s+les\s+veines|m'ouvrir\s+les\s+veines",
           "death": r"crever\b(?!\s+(?:de|l'|le|la|les|un|une|des))",
           "life_refusal": r"(?:veux|peux)\s+plus\s+etre\s+(?:la|en\s+vie|ici)\b(?!\s+(?:pour|a|demain|ce))|fatigue\w*\s+de\s+vivre",
           "blow": r"me\s+(?:tape|tapait|defonce)|m'a\s+(?:tape|pousse\w*)\b(?!\s+(?:au|aux|a\s+la)\b)",
           "danger_now": r"bourre|saoul|(?:a|il\s+a)\s+bu|encore|crie",
           "dose": r"cachet|medicament|medoc|comprime|pilule",
           "quantity": r"une\s+boite|une\s+plaquette",
           "burden": r"personne\s+ne\s+(?:me\s+regrettera|remarquera|s'en\s+rendra\s+compte)"},
    "de": {"harm_strong": r"pulsadern\s+(?:\w+\s+)?(?:aufgeschnitten|aufschneiden|aufgeritzt)",
           "over": r"mach\w*\s+(?:ich\s+)?schluss\b(?!\s+mit\s+(?:ihm|ihr|meine\w*|dem\s+job|der\s+arbeit|fur\s+heute))",
           "blow": r"(?:hat|haben)\s+mich\s+(?:wieder\s+|schon\s+wieder\s+)?(?:geschlagen|getreten|verprugelt)",
           "danger_now": r"betrunken|besoffen|wieder|schreit",
           "dose": r"tablette|pille|medikament",
           "quantity": r"eine\s+packung|die\s+packung|eine\s+schachtel",
           "burden": r"(?:keiner|niemand)\s+(?:wurde|wird)\s+mich\s+vermissen"},
}
# Wishing not to exist or never to have been born; feeling a burden; "you won't see me again".
for _lang, _role, _p in (
    ("es", "life_refusal", r"(?:quisiera|quiero|desearia|preferiria)\s+no\s+(?:existir|haber\s+nacido|estar\s+viv[oa])|ojala\s+no\s+(?:existiera|hubiera\s+nacido|despertara)"),
    ("pt", "life_refusal", r"(?:queria|quero|preferia)\s+nao\s+(?:existir|ter\s+nascido)|quem\s+me\s+dera\s+nao\s+(?:existir|ter\s+nascido)"),
    ("fr", "life_refusal", r"j'aimerais\s+(?:ne\s+)?(?:pas|plus)\s+exister|(?:voudrais|veux)\s+(?:ne\s+)?plus\s+exister|voulu\s+ne\s+jamais\s+naitre"),
    ("de", "life_refusal", r"wunschte,?\s+ich\s+(?:ware|wurde)\s+nicht\s+(?:geboren|existieren)|(?:will|mochte)\s+nicht\s+(?:mehr\s+)?existieren"),
    ("es", "burden", r"(?:me\s+siento|siento\s+que\s+soy)\s+(?:una?\s+)?(?:carga|estorbo)"),
    ("pt", "burden", r"(?:me\s+sinto|sinto\s+que\s+sou)\s+(?:um\s+)?(?:peso(?!\s+morto)|fardo|estorvo)"),
    ("fr", "burden", r"(?:je\s+me\s+sens|j'ai\s+l'impression\s+d'etre)\s+(?:un\s+)?(?:poids|fardeau)"),
    ("de", "burden", r"fuhle\s+mich\s+(?:wie\s+)?(?:eine\s+)?last"),
    ("es", "finality", r"no\s+me\s+(?:van|vais)\s+a\s+(?:volver\s+a\s+ver|ver\s+(?:mas|nunca))|me\s+voy\s+para\s+siempre"),
    ("es", "burden", r"nada\s+tiene\s+sentido|ya\s+nada\s+importa|no\s+(?:le\s+)?veo\s+(?:el\s+)?sentido"),
    ("pt", "burden", r"nada\s+(?:mais\s+)?faz\s+sentido|nada\s+mais\s+importa|nao\s+vejo\s+sentido"),
    ("fr", "burden", r"(?:plus\s+)?rien\s+n'a\s+(?:plus\s+)?de\s+sens|plus\s+rien\s+ne\s+compte"),
    ("de", "burden", r"nichts\s+(?:hat|macht)\s+(?:mehr\s+)?(?:einen\s+)?sinn|nichts\s+ist\s+mehr\s+wichtig"),
    ("pt", "finality", r"de\s+vez(?!\s+em\s+quando)|nao\s+vao\s+mais\s+me\s+ver"),
    ("fr", "finality", r"vous\s+me\s+reverrez\s+plus|pour\s+de\s+bon"),
    ("de", "finality", r"ihr\s+(?:werdet|seht)\s+mich\s+nie\s+wieder|fur\s+immer\s+weg"),
):
    _MORE[_lang][_role] = _MORE[_lang][_role] + "|" + _p if _role in _MORE[_lang] else _p
for _lang, _roles in _MORE.items():
    for _role, _p in _roles.items():
        _EXTRA[_lang][_role] = _EXTRA[_lang][_role] + "|" + _p if _role in _EXTRA[_lang] else _p
for _lang in _EXTRA:
    for _role in ("harm_strong", "dose"):
        _EXTRA[_lang].setdefault(_role, r"(?!x)x")
for _lang, _roles in _EXTRA.items():
    for _role, _p in _roles.items():
        ROLES[_lang][_role] = ROLES[_lang][_role] + "|" + _p if _role in ROLES[_lang] else _p
# A letter for a birthday is no farewell; locked in "as a prank" or "by accident" is no danger.
_OCCASION = re.compile(r"\b(?:cumpleanos|aniversario|anniversaire|geburtstag|navidad|natal|noel|weihnachten|motivation|recomendacion|presentacion|bewerbung)\b")
_JOKE = re.compile(r"\b(?:broma|brincadeira|blague|witz|jaja\w*|kkk+|lol|mdr|haha\w*|sin\s+querer|sem\s+querer|par\s+accident|aus\s+versehen)\b")
# "toute la boîte de chocolats": a container alone is not means when a quantity is taken.
_CONTAINER = re.compile(r"\b(?:frasco|caja|caixa|boite|packung|cartela|blister|plaquette)\b")
# A doctor's course of tablets taken in full is no overdose.
_PRESCRIBED = re.compile(r"\b(?:medico|doctor|doctora|receta|antibiotic\w*|tratamiento|tratamento|medecin|ordonnance|traitement|arzt|arztin|rezept|verschrieben|prescri\w*|vitamin\w*)\b")
# Round 7: roles for what people write around a crisis rather than in it, each a structure with
# its inflections: a wish to die or vanish ("ojalá", "si seulement", "ich wünschte"), the means
# kept ready and only the day missing, "it was nice knowing you", "there is no point carrying on",
# putting an end to it; reflexive harm with any auxiliary between ("me volví a quemar", "mich
# heute wieder ... verbrannt"); taking "all my" tablets. A role adds to a combination, never alone.
_R7 = {
    "es": {"wish": r"ojala|quisiera|desearia|me\s+gustaria|si\s+tan\s+solo|como\s+quisiera",
           "awaiting": r"solo\s+(?:me\s+)?falta\w*|(?:espero|esperando)\s+(?:el|la)\s+(?:dia|momento|noche)|cuando\s+llegue\s+el\s+(?:dia|momento)",
           "knew_you": r"(?:fue|ha\s+sido)\s+(?:un\s+placer|lindo|bonito|bueno|hermoso)\s+conocer\w*",
           "pointless": r"no\s+tiene\s+(?:caso|sentido)\s+(?:seguir|vivir|continuar)|para\s+que\s+(?:seguir|vivir|continuar)|de\s+que\s+sirve\s+(?:seguir|vivir)",
           "vanish": r"(?:quisiera|quiero|desearia|me\s+gustaria|ojala\s+pudiera)\s+(?:\w+\s+)?(?:desaparecer|esfumarme|irme\s+para\s+siempre)",
           "death": r"(?:me\s+)?quit(?:o|arme|ar)\s+de\s+en\s+medio|(?:poner(?:le)?|le\s+pongo|le\s+voy\s+a\s+poner)\s+(?:un\s+)?fin|acab(?:o|ar)\s+con\s+(?:todo|esto|mi\s+vida)",
           "harm": r"me\s+(?:volvi|vuelvo|voy)\s+a\s+(?:cortar|quemar|lastimar|rajar)|(?:volvi|vuelvo)\s+a\s+(?:cortarme|quemarme|lastimarme|rajarme)"
                   r"|(?:cort|raj|quem|lastim|aran|rasgun)\w*\s+(?:\w+\s+)?(?:los|las|el|la|mis|mi)\s+(?:brazos?|munecas?|piernas?|muslos?|venas|piel|panza)",
           "burden": r"estorbo",
           "finality": r"cuid(?:en|a|ad|enme)\s+(?:\w+\s+){0,2}(?:a|de)\s+mis?\b",
           "thanks_all": r"perdon\w*\s+(?:por\s+todo|todos)|perdonenme|perdoname\s+por\s+todo",
           "letter": r"(?:escrib\w+|dej\w+)\s+(?:\w+\s+)?(?:una\s+|unas\s+|las\s+)?cartas?\s+(?:para|a)\s+(?:mi|mis|cada|todos)",
           "quantity": r"todas\s+mis|todos\s+mis|(?:el|la)\s+\w+\s+enter[oa]"},
    "pt": {"wish": r"quem\s+me\s+dera|tomara|queria|gostaria|se\s+ao\s+menos|se\s+eu\s+pudesse",
           "awaiting": r"so\s+falta\w*|(?:espero|esperando)\s+o\s+(?:dia|momento)|quando\s+chegar\s+o\s+dia",
           "knew_you": r"foi\s+(?:bom|um\s+prazer|lindo|otimo)\s+(?:te\s+|vos\s+)?(?:conhecer|ter\s+conhecido)\w*",
           "pointless": r"nao\s+(?:tem|faz)\s+(?:mais\s+)?sentido\s+(?:continuar|viver|seguir)|(?:pra|para)\s+que\s+(?:continuar|viver|seguir)",
           "vanish": r"(?:queria|quero|gostaria)\s+(?:\w+\s+)?(?:sumir|desaparecer)",
           "finality": r"cuid(?:em|a)\s+(?:\w+\s+){0,2}d[oa]s?\s+(?:meu|minha|meus|minhas)\b",
           "death": r"(?:por|dar|botar)\s+(?:um\s+)?fim\s+(?:nisso|a\s+isso|em\s+tudo|a\s+tudo)",
           "harm": r"(?:voltei|volto)\s+a\s+me\s+(?:cortar|queimar|machucar)",
           "letter": r"(?:escrev\w+|deix\w+)\s+(?:\w+\s+)?(?:uma\s+|umas\s+|as\s+)?cartas?\s+(?:pra|para)\s+(?:minha|meu|meus|minhas|cada|todos)",
           "quantity": r"(?:cartela|caixa|frasco)\s+(?:tod[ao]|inteir[ao])|todos\s+os\s+meus|todas\s+as\s+minhas"},
    "fr": {"wish": r"si\s+seulement|j'aimerais|je\s+voudrais|je\s+souhaite|j'espere",
           "awaiting": r"(?:j'attends|attendre|j'attend)\s+(?:juste\s+|plus\s+que\s+|seulement\s+)?le\s+(?:bon\s+)?(?:jour|moment)|il\s+(?:me\s+)?(?:manque|reste)\s+(?:plus\s+qu'a|juste)",
           "knew_you": r"c'etait\s+(?:bien|un\s+plaisir|chouette|super|cool)\s+de\s+(?:vous|te)\s+connaitre|content\w*\s+de\s+(?:vous|t')\s*avoir\s+connu\w*",
           "pointless": r"(?:ca|cela)\s+(?:ne\s+)?sert\s+a\s+rien\s+de\s+(?:continuer|vivre)|a\s+quoi\s+bon\s+(?:continuer|vivre)",
           "vanish": r"(?:j'aimerais|je\s+voudrais|je\s+veux|envie\s+de)\s+(?:\w+\s+)?disparaitre",
           "take": r"pris|prise|pris\s+toute?s?",
           "finality": r"prenez\s+(?:\w+\s+)?soin\s+de\s+(?:mon|ma|mes)|occupez-vous\s+(?:\w+\s+)?de\s+(?:mon|ma|mes)",
           "harm": r"je\s+me\s+(?:suis\s+)?(?:\w+\s+)?(?:recoupe\w*|rebrule\w*)",
           "letter": r"(?:ecri\w*|laiss\w*)\s+(?:\w+\s+)?(?:une\s+|des\s+)?lettres?\s+(?:a|pour)\s+(?:ma|mon|mes|chacun|tous)",
           "quantity": r"tous\s+mes|toutes\s+mes|tout\s+mon"},
    "de": {"wish": r"wunschte|wunsche\s+mir|ware\s+(?:ich\s+)?(?:doch\s+)?lieber|hoffentlich",
           "awaiting": r"warte\s+(?:\w+\s+){0,2}auf\s+den\s+(?:richtigen\s+|passenden\s+)?(?:tag|moment|zeitpunkt)|fehlt\s+nur\s+noch|ist\s+es\s+soweit",
           "knew_you": r"(?:war|wars|es\s+war)\s+schon,?\s+(?:euch|dich|sie)\s+(?:zu\s+)?(?:kennen|gekannt)\w*",
           "pointless": r"(?:es\s+)?(?:hat|macht)\s+(?:alles\s+)?keinen\s+sinn\s+mehr|wozu\s+(?:noch\s+)?(?:leben|weitermachen)",
           "vanish": r"(?:mochte|will|wurde)\s+(?:\w+\s+){0,2}(?:verschwinden|weg\s+sein)|wunschte,?\s+ich\s+ware\s+(?:\w+\s+)?weg",
           "death": r"(?:dem|allem|meinem\s+leben)\s+ein\s+ende\s+(?:machen|setzen|bereiten)|mach\w*\s+(?:dem|allem|meinem\s+leben)\s+ein\s+ende",
           "harm": r"mich\s+(?:\w+\s+){0,6}(?:verbrannt|geritzt|geschnitten|verletzt)",
           "finality": r"kummert\s+euch\s+(?:\w+\s+){0,2}um\s+mein\w*|passt\s+(?:\w+\s+){0,2}auf\s+mein\w*\s+\w+\s+auf",
           "quantity": r"alle\s+meine|meine\s+ganzen"},
}
# Round 7 cues used only inside combinations: "all of them" after a take verb; "las pastillas" (the
# tablets) rather than "mis pastillas de la presión"; someone else taking theirs ("minha mãe tomou
# os remédios dela"); a firearm, having it, and using it or "it ends" (a plan told through the
# means); lethal means (not a box or a lighter); a whole box or bottle; goodbye words.
_R7_CUES = {
    "es": {
        "all_of": r"tod[oa]s|de\s+golpe|de\s+una\s+vez|un\s+monton|enter[oa]",
        "the_tablets": r"las\s+(?:pastillas|pildoras|tabletas)|los\s+(?:medicamentos|remedios|calmantes)|\w+(?:mel[oa]s)",
        "other_taker": r"sus\s+(?:pastillas|medicinas|medicamentos)|(?:de|a)\s+(?:el|ella)\b|(?:mi|su)\s+(?:mama|madre|papa|padre|abuel[oa]|herman[oa]|hij[oa])\s+(?:se\s+)?tom\w+",
        "gun": r"pistola|arma|escopeta|revolver",
        "have": r"tengo|agarre|consegui|saque|ya\s+tengo",
        "use": r"usar(?:la|lo)?|la\s+uso|lo\s+uso|se\s+acaba|termina\s+todo|se\s+termina|acabo\s+con",
        "lethal": r"soga|cuerda|pistola|arma|escopeta|revolver|veneno|pastillas|pildoras|raticida",
        "whole_container": r"(?:el|la|un|una)\s+(?:frasco|caja|bote|blister)\s+(?:enter[oa]|complet[oa])|tod[oa]\s+(?:el|la)\s+(?:frasco|caja|bote|blister)",
        "goodbye": r"adios",
    },
    "pt": {
        "all_of": r"tod[oa]s?|de\s+uma\s+vez|um\s+monte|inteir[oa]",
        "the_tablets": r"os\s+(?:remedios|comprimidos|calmantes)|as\s+pilulas|tom(?:a|ar|o)-?l[oa]s",
        "other_taker": r"(?:dela|dele|deles|delas)|seus\s+remedios|(?:minha|meu|sua|seu)\s+(?:mae|pai|avo|irma|irmao|filh[oa])\s+(?:tomou|toma|tomava)",
        "gun": r"arma|revolver|pistola|espingarda",
        "have": r"peguei|tenho|consegui|ja\s+tenho",
        "use": r"usar|vou\s+usar|acaba|termina|acabo\s+com",
        "lethal": r"corda|arma|revolver|pistola|veneno|remedios|comprimidos|chumbinho",
        "whole_container": r"(?:a|o|uma|um)\s+(?:caixa|frasco|cartela)\s+(?:inteir[oa]|tod[oa]|complet[oa])|tod[oa]\s+(?:a|o)\s+(?:caixa|frasco|cartela)",
        "goodbye": r"adeus|tchau\s+(?:pra|para)\s+sempre",
    },
    "fr": {
        "all_of": r"tou(?:te)?s|toute\s+la|d'un\s+(?:seul\s+)?coup|entier\w*",
        "the_tablets": r"les\s+(?:cachets|medicaments|comprimes|pilules|medocs)",
        "other_taker": r"ses\s+(?:cachets|medicaments|comprimes|pilules)|(?:ma|mon)\s+(?:mere|pere|grand-mere|grand-pere|soeur|frere)\s+(?:a\s+pris|prend)",
        "gun": r"flingue|arme|pistolet|fusil|revolver",
        "have": r"j'ai|pris|recupere|trouve",
        "use": r"m'en\s+servir|l'utiliser|c'est\s+fini|tout\s+s'arrete|ca\s+se\s+termine|j'en\s+finis",
        "lethal": r"corde|arme|pistolet|flingue|fusil|poison|cachets|medicaments|comprimes",
        "whole_container": r"toute\s+(?:la|une)\s+(?:boite|plaquette)|tout\s+le\s+(?:flacon|tube)|(?:la|une)\s+boite\s+entiere",
        "goodbye": r"adieu",
    },
    "de": {
        "all_of": r"alle|auf\s+einmal|die\s+ganze|ganze\w*",
        "the_tablets": r"die\s+(?:tabletten|pillen|medikamente|schlaftabletten)",
        "other_taker": r"(?:ihre|seine)\s+(?:tabletten|medikamente|pillen)|(?:meine|mein)\s+(?:mutter|vater|oma|opa|schwester|bruder)\s+(?:hat|nimmt)",
        "gun": r"waffe|pistole|gewehr|revolver",
        "have": r"habe|hab|genommen|besorgt|gefunden",
        "use": r"benutz\w*|ist\s+schluss|ist\s+es\s+vorbei|mach\s+ich\s+schluss|ende",
        "lethal": r"strick|seil|waffe|pistole|gift|tabletten|pillen|schlaftabletten",
        "whole_container": r"(?:die|eine)\s+ganze\s+(?:packung|schachtel|dose|flasche)|(?:die|eine)\s+(?:packung|schachtel)\s+(?:ganz|komplett)",
        "goodbye": r"lebt\s+wohl|lebewohl|macht'?s\s+gut",
    },
}
for _lang, _cues in _R7_CUES.items():
    _R7[_lang].update(_cues)
for _lang, _roles in _R7.items():
    for _role, _p in _roles.items():
        ROLES[_lang][_role] = ROLES[_lang][_role] + "|" + _p if _role in ROLES[_lang] else _p
# Round 9: roles for crises told without a risk word, in structures rather than phrases: "I won't
# need it any more" (any object, any person of "need"), "soon it will all be over", "nobody will
# have to put up with me" (any verb of bearing), at a high place looking down or not wanting to
# come down, someone hitting a family member now and "I'm next".
_R9 = {
    "es": {
        "finality": r"(?:ya\s+)?no\s+(?:\w+\s+){0,2}(?:voy\s+a\s+)?(?:necesitar|necesitare|necesito)\s+(?:\w+\s+){0,2}(?:mas|donde\s+voy)|ya\s+no\s+me\s+(?:va|van)\s+a\s+hacer\s+falta",
        "over": r"(?:pronto|ya\s+casi|muy\s+pronto)\s+(?:se\s+va\s+a\s+acabar|va\s+a\s+terminar|se\s+acaba|termina|acaba)\w*(?:\s+todo)?|todo\s+(?:va\s+a\s+terminar|se\s+va\s+a\s+acabar|terminara|se\s+acabara)\s+(?:pronto|hoy|esta\s+noche)",
        "burden": r"(?:nadie|ya\s+nadie)\s+(?:va\s+a\s+tener|tendra)\s+que\s+(?:\w+\s+){0,2}(?:aguantarme|soportarme|cargar\s+conmigo|lidiar\s+conmigo|cuidarme|preocuparse\s+por\s+mi|mantenerme)|ya\s+no\s+(?:voy\s+a\s+ser|sere)\s+(?:una\s+)?(?:carga|problema|molestia)",
        "gaze": r"mirando\s+(?:para|hacia|pa)\s+abajo|mirando\s+(?:el\s+agua|el\s+vacio|las\s+vias)|no\s+me\s+quiero\s+bajar|no\s+quiero\s+bajar(?:me)?",
        "blow": r"(?:le\s+)?esta\s+(?:pegando|golpeando)\s+a\s+mi\s+\w+",
        "danger_now": r"(?:yo\s+)?(?:soy|sigo)\s+(?:el|la)\s+siguiente|(?:despues|luego)\s+(?:sigo|voy)\s+yo",
    },
    "pt": {
        "finality": r"nao\s+(?:\w+\s+){0,2}(?:vou\s+)?(?:mais\s+)?precis(?:ar|o|arei)\s+(?:\w+\s+){0,2}(?:mais|onde\s+eu\s+vou)|onde\s+eu\s+vou\s+nao\s+(?:precisa|preciso)",
        "over": r"(?:logo|em\s+breve|daqui\s+a\s+pouco)\s+(?:vai\s+)?(?:acabar|terminar|acaba|termina)(?:\s+tudo)?|tudo\s+vai\s+(?:acabar|terminar)\s+(?:logo|hoje|em\s+breve)",
        "burden": r"ninguem\s+(?:mais\s+)?(?:vai|vai\s+mais)\s+(?:ter|precisar)\s+(?:que|de)\s+(?:me\s+)?(?:aguentar|suportar|cuidar|lidar|se\s+preocupar)\w*|nao\s+vou\s+(?:mais\s+)?ser\s+(?:um\s+)?(?:peso|problema|fardo)\s+(?:pra|para)\s+ninguem",
        "gaze": r"olhando\s+(?:pra|para)\s+(?:baixo|a\s+agua|o\s+vazio|os\s+trilhos)|nao\s+quero\s+descer",
        "danger_now": r"(?:eu\s+)?sou\s+(?:o|a)\s+proxim[oa]|vai\s+me\s+pegar\s+depois|depois\s+e\s+(?:a\s+)?minha\s+vez",
    },
    "fr": {
        "finality": r"(?:je\s+)?(?:n')?(?:j')?en\s+aurai\s+(?:plus|pas|jamais\s+plus)\s+besoin|(?:j')?aurai\s+plus\s+besoin\s+de\s+(?:\w+\s+){0,2}|la\s+ou\s+je\s+vais|(?:je\s+)?(?:ne\s+)?serai\s+plus\s+(?:la|ici)|pour\s+de\s+bon",
        "over": r"(?:bientot|tres\s+bientot|d'ici\s+peu)\s+(?:\w+\s+){0,2}(?:sera|va\s+etre)\s+(?:fini|termine)\w*|(?:tout|ca|ce)\s+(?:sera|va\s+etre)\s+(?:bientot\s+)?(?:fini|termine)\w*",
        "burden": r"(?:personne|plus\s+personne)\s+(?:n'|ne\s+)?(?:aura|devra)\s+(?:plus\s+)?(?:a|de)\s+(?:me\s+|m')(?:supporter|gerer|subir|endurer|occuper|supporte)\w*|(?:personne|plus\s+personne)\s+(?:n'|ne\s+)?(?:aura|devra)\s+plus\s+a\s+s'occuper\s+de\s+moi|je\s+serai\s+plus\s+un\s+(?:poids|probleme|fardeau)|personne\s+(?:ne\s+)?(?:va|vont)\s+me\s+regretter|personne\s+(?:ne\s+)?me\s+regrettera|(?:je\s+suis|je\s+me\s+sens|je\s+serai)\s+(?:toujours\s+)?de\s+trop",
        "giveaway": r"(?:j'ai\s+)?(?:donne|file|refile|offert|legue|laisse|distribue)\s+(?:\w+\s+){0,2}?(?:mon|ma|mes|tous\s+mes|toutes\s+mes)\b",
        "decided": r"j'ai\s+tout\s+prevu|tout\s+est\s+prevu|ma\s+decision\s+est\s+prise",
        "gaze": r"(?:je\s+)?regard\w*\s+(?:en\s+bas|l'eau|le\s+vide|en\s+dessous|les\s+rails|les\s+voitures\s+en\s+bas)|(?:pas|plus)\s+envie\s+de\s+(?:re)?descendre",
        "place": r"pont\s+\w+|bord\s+du\s+(?:pont|toit|quai)",
        "blow": r"(?:est\s+en\s+train\s+de|vient\s+de)\s+(?:frapper|taper|cogner|battre)\s+(?:ma|mon|mes)\s+\w+|(?:frappe|tape|cogne|bat)\s+(?:ma|mon)\s+(?:mere|pere|soeur|frere)",
        "danger_now": r"(?:ce\s+sera|c'est|ca\s+va\s+etre)\s+mon\s+tour|je\s+suis\s+le\s+prochain|je\s+suis\s+la\s+prochaine",
    },
    "de": {
        "finality": r"brauch\w*\s+(?:ich\s+)?(?:\w+\s+){0,3}(?:nicht|nimmer|keine?n?)\s+mehr|brauch\w*\s+ich\s+(?:eh|sowieso|ja|dann)\s+nicht|wo\s+ich\s+hingehe|dort\s+wo\s+ich\s+hin\w*|bin\s+ich\s+nicht\s+mehr\s+da",
        "over": r"(?:bald|gleich|heute\s+nacht|morgen)\s+(?:ist\s+)?(?:es\s+|alles\s+)?(?:ist\s+)?(?:vorbei|zu\s+ende)|ist\s+(?:es\s+|alles\s+)(?:bald\s+)?vorbei",
        "burden": r"(?:keiner|niemand)\s+(?:muss|wird)\s+(?:sich\s+)?(?:\w+\s+){0,2}(?:mehr\s+)?(?:mit\s+mir|um\s+mich|mich)\s+(?:\w+\s+)?(?:rumschlagen|herumschlagen|abgeben|kummern|ertragen|aushalten|ausstehen|sorgen)\w*|(?:muss|wird)\s+(?:sich\s+)?(?:keiner|niemand)\s+(?:\w+\s+){0,2}?(?:mehr\s+)?(?:mit\s+mir|um\s+mich|mich)\s+(?:\w+\s+)?(?:rumschlagen|herumschlagen|abgeben|kummern|ertragen|aushalten|ausstehen|sorgen)\w*|(?:bin|bin\s+ich)\s+(?:dann\s+)?(?:keine\s+)?(?:last|belastung)\s+mehr",
        "decided": r"meine\s+entscheidung\s+steht|es\s+steht\s+fest",
        "letter": r"(?:der|den|die|mein\w*)\s+briefe?\s+(?:liegt|liegen|ist|sind)\s+(?:\w+\s+){0,3}(?:auf|unter|im|in)\b",
        "gaze": r"(?:schau|guck|starr|blick)\w*\s+(?:\w+\s+){0,2}(?:runter|hinunter|nach\s+unten|ins\s+wasser|in\s+die\s+tiefe|auf\s+die\s+gleise)|will\s+(?:nicht|nimmer)\s+(?:mehr\s+)?runter",
        "giveaway": r"(?:habe|hab)\s+(?:\w+\s+){1,9}(?:geschenkt|weggegeben|hergegeben|gegeben|vermacht)|gebe?\s+(?:\w+\s+){1,4}(?:weg|her)\b",
        "blow": r"(?:schlagt|schlaegt|verprugelt|haut|tritt)\s+(?:gerade|jetzt|wieder|schon\s+wieder)\s+(?:mich|uns|meine\s+\w+|meinen\s+\w+)",
        "danger_now": r"(?:ich\s+bin|bin\s+ich)\s+als\s+nachste\w*\s+dran|(?:dann|danach)\s+bin\s+ich\s+dran",
    },
}
_R9["es"]["not_boarding"] = r"esperando\s+(?:el|al)\s+(?:proximo\s+|siguiente\s+)?(?:tren|metro)\b[^.!?]*\bno\s+(?:me\s+)?(?:voy\s+a\s+)?(?:subir|subo|entrar)(?!\w*\s+(?:si|porque|hasta|cuando)\b)"
_R9["pt"]["not_boarding"] = r"esperando\s+o\s+(?:proximo\s+)?(?:trem|metro)\b[^.!?]*\bnao\s+(?:vou\s+)?(?:entrar|subir|embarcar)(?!\w*\s+(?:se|porque|ate|quando)\b)"
_R9["fr"]["not_boarding"] = r"attend\w*\s+(?:le|un)\s+(?:prochain\s+)?(?:train|metro|rer|tgv)\b[^.!?]*\b(?:pas|plus)\s+(?:y\s+)?(?:monter|le\s+prendre|rentrer)(?!\s+(?:si|s'il|parce|car|quand|tant)\b)"
_R9["de"]["not_boarding"] = r"wart\w*\s+(?:\w+\s+)?auf\s+(?:den|die)\s+(?:nachste\w*\s+)?(?:zug|bahn|s-?bahn|u-?bahn)\b[^.!?]*\bnicht\s+(?:\w+\s+)?einsteig\w*(?!\s*,?\s*(?:wenn|falls|weil|bis)\b)"
for _lang in _R9:
    _R9[_lang]["place"] = (_R9[_lang]["place"] + "|" if "place" in _R9[_lang] else "") + r"quai|voies|bahnsteig|gleis|anden|plataforma|parkhaus|parkdeck"
for _lang, _roles in _R9.items():
    for _role, _p in _roles.items():
        ROLES[_lang][_role] = ROLES[_lang][_role] + "|" + _p if _role in ROLES[_lang] else _p
# A farewell with a reason to come back ("me despedí de mis compañeros porque me voy de
# vacaciones", "bis in zwei wochen") is no goodbye for ever.
_TEMPORARY = _rx(
    r"vacaciones|de\s+viaje|viaje|me\s+mudo|hasta\s+(?:el|la)\s+\w+|ferias|viagem|de\s+mudanca|ate\s+(?:segunda|semana|mes)"
    r"|vacances|en\s+voyage|je\s+demenage|a\s+(?:lundi|mardi|la\s+semaine\s+prochaine|bientot|plus)|urlaub|reise|umzug|ziehe\s+um|bis\s+(?:bald|montag|morgen|nachste\w*)|in\s+(?:den\s+)?urlaub"
)
# Weekdays and "when they have all gone" tell the time of a plan as well as "tonight" does.
_WEEKDAYS = {
    "es": r"el\s+(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)|cuando\s+(?:todos\s+)?(?:se\s+(?:duerman|vayan)|salgan)",
    "pt": r"(?:na|nessa|essa)\s+(?:segunda|terca|quarta|quinta|sexta)|(?:no|nesse|esse)?\s*(?:sabado|domingo)|quando\s+(?:todo\s+mundo|todos)\s+(?:sair|sairem|dormir|dormirem)",
    "fr": r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|quand\s+(?:ils|elles|tout\s+le\s+monde)\s+(?:seront?\s+partis?|dormiront|dormira)",
    "de": r"(?:am\s+)?(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)|wenn\s+alle\s+(?:weg|aus\s+dem\s+haus)\s+sind|wenn\s+alle\s+schlafen",
}
ROLES = {lang: {role: _rx(p) for role, p in roles.items()} for lang, roles in ROLES.items()}
# "un salto del puente" in a bungee story, a farewell party: the combination is not about oneself.
# ("unas" and "pelo" only as nails and hair: alone they are "some" and, in Portuguese, "by the".)
_EXCLUDE = _rx(
    r"fiesta\s+de\s+despedida|festa\s+de\s+despedida|fete\s+de\s+depart|pot\s+de\s+depart|abschieds(?:feier|party)"
    r"|bungee|(?:el|mi|tu|su|del)\s+pelo|cabelo|cheveux|haare|(?:las|mis|tus|sus)\s+unas|unhas|ongles|nagel|barba|barbe|bart|cebolla|cebola|oignon\w*|zwiebel\w*|papel|papier|puenting|paracaid\w*|parapente|salto\s+en\s+paracaidas|fallschirm\w*|trampolin\w*|piscina|pool|schwimmbad"
    r"|airsoft|paintball|caza|cacada|chasse|jagd|stand\s+de\s+tir|schiessstand|tiro\s+al\s+blanco|tiro\s+ao\s+alvo"
    r"|juego|jogo|jeu|spiel\w*|pelicula|filme|film|serie|libro|livro|livre|buch|roman|novela"
)


def everyday_context(text: str) -> bool:
    """The rules' own exclusions, on plain text: a farewell party, a bungee jump, a game, film or
    book, a haircut, a letter for a birthday, a doctor's prescription, a joke. The learned
    signal never raises small talk that has one of them to crisis (`policy.with_learned`)."""
    return bool(_EXCLUDE.search(text) or _OCCASION.search(text) or _PRESCRIBED.search(text) or _JOKE.search(text))


def _first(rx: re.Pattern, text: str):
    return rx.search(text)


def combinations(sentence: str, language: str) -> list[tuple[str, str, tuple[int, int]]]:
    """The role combinations of one plain sentence: (category, description, span of the key cue)."""
    roles = ROLES.get(language)
    if roles is None or _EXCLUDE.search(sentence):
        return []
    found = {role: rx.search(sentence) for role, rx in roles.items()}
    has = {role: m is not None for role, m in found.items()}
    out = []

    def add(category: str, why: str, key: str) -> None:
        out.append((category, why, found[key].span()))

    if has["life_refusal"]:
        add("suicide", "refusing life", "life_refusal")
    if has["death"] and (has["intent"] or has["prep"] or has["farewell"]):
        add("suicide", "death + intent or preparation", "death")
    if has["death"] and re.search(r"\b(?:me|mich|m'|me\s+\w+)\b", sentence) and _TIME[language].search(sentence):
        add("suicide", "one's own death + a time", "death")
    # Taking one's tablets tonight is a routine; taking them all, or with a wish to die, is not.
    dark = has["death"] or has["over"] or has["burden"] or has["finality"] or has["decided"] or has["life_refusal"] or has["pointless"]
    if has["means"] and has["take"] and (has["quantity"] or has["all_of"] or dark or has["the_tablets"]) and (
            has["intent"] or has["prep"] or _TIME[language].search(sentence) or _CLITIC[language].search(sentence)) and not has["other_taker"]:
        add("suicide", "means + taking them", "means")
    if (has["gun"] and has["have"] and _TIME[language].search(sentence)
            and (has["use"] or has["over"] or has["death"] or has["finality"])):
        add("suicide", "a gun at hand + a time + using it or the end", "means")
    if (has["take"] and has["whole_container"] and not _FOOD.search(sentence)
            and (has["intent"] or _TIME[language].search(sentence)) and not _PRESCRIBED.search(sentence)):
        add("suicide", "taking a whole box or bottle", "take")
    wished = _WISH_DEATH[language].search(sentence) if has["wish"] else None
    if wished:  # the span is the wish and its death verb, so "mourir de rire" is read as the idiom it is
        out.append(("suicide", "wishing to die", wished.span()))
    if has["vanish"]:  # with a second cue of its own: "quiero desaparecer" alone is the check-in's
        rest = sentence[: found["vanish"].start()] + " , " + sentence[found["vanish"].end():]
        if any(roles[role].search(rest) for role in ("pointless", "burden", "finality", "over")):
            add("suicide", "wishing to vanish + no point going on", "vanish")
    if has["means"] and has["lethal"] and (has["awaiting"] or has["decided"]) and (has["buy"] or has["awaiting"] or has["prep"]):
        add("suicide", "means at hand + waiting for the day", "means")
    if has["knew_you"] and (has["thanks_all"] or has["finality"] or has["farewell"] or has["goodbye"]):
        add("suicide", "it was nice knowing you + goodbye", "knew_you")
    if has["means"] and has["prep"]:
        add("suicide", "means + preparation", "means")
    if (has["means"] and has["buy"] and not _REMEDY[language].search(sentence)
            and (has["intent"] or has["take"] or has["finality"] or _TIME[language].search(sentence))):
        add("suicide", "means bought + intent, a time or taking them all", "means")
    if has["place"] and has["jump"] and (has["intent"] or has["danger_now"] or _TIME[language].search(sentence) or _ON[language].search(sentence)):
        add("suicide", "a high place + jumping", "jump")
    if has["giveaway"] and (has["finality"] or has["death"]):
        add("suicide", "possessions given away + finality", "giveaway")
    if has["farewell"] and not (_TEMPORARY.search(sentence) and not (has["death"] or has["finality"] or has["letter"])):
        add("suicide", "a farewell", "farewell")
    if has.get("not_boarding"):
        add("suicide", "waiting for a train, not to board it", "not_boarding")
    if has["place"] and has["gaze"] and (_ON[language].search(sentence) or has["danger_now"] or _TIME[language].search(sentence)
                                         or _DURATION[language].search(sentence)) and not _VIEW.search(sentence):
        add("suicide", "at a high place, looking down", "gaze")
    if has["harm"] and (has["intent"] or _PRESENT_HARM[language].search(sentence)):
        add("self_harm", "self-harm now", "harm")
    if has["blow"] and has["danger_now"]:
        add("abuse_danger", "violence + now, fear or a weapon", "blow")
    if has["harm_strong"]:
        add("self_harm", "opened veins", "harm_strong")
    if (has["take"] and has["quantity"] and (has["dose"] or roles["means"].search(_CONTAINER.sub(" ", sentence)))
            and not _REMEDY[language].search(sentence)
            and not _PRESCRIBED.search(sentence)):
        add("suicide", "means + taking a quantity", "take")
    if has["decided"] and (has["burden"] or has["death"] or has["means"] or has["farewell"] or has["letter"]):
        add("suicide", "having decided + death, means, a burden or a farewell", "decided")
    if has["burden"] and (has["finality"] or has["over"] or has["death"]):
        add("suicide", "a burden or disappearing + finality", "over" if has["over"] else "finality" if has["finality"] else "death")
    if has["thanks_all"] and (has["finality"] or has["farewell"]):
        add("suicide", "thanks for everything + finality", "thanks_all")
    if has["letter"] and (has["finality"] or has["over"] or has["burden"] or has["death"]) and not _OCCASION.search(sentence):
        add("suicide", "letters + finality", "letter")
    if has["confine"] and not _JOKE.search(sentence):
        add("abuse_danger", "locked in or cut off by someone", "confine")
    if has["threat"] and (has["fear_return"] or has["danger_now"] or has["blow"]):
        add("abuse_danger", "a threat to kill + fear or now", "threat")
    if has["fear_return"] and (has["blow"] or has["threat"]):
        add("abuse_danger", "fear he comes back + violence", "fear_return")
    return out


# Round 9: "for an hour", "seit einer Stunde": staying there.
_DURATION = {lang: _rx(p) for lang, p in {
    "es": r"llevo\s+(?:una|media|\w+)\s+horas?|desde\s+hace\s+(?:una|\w+)\s+horas?|hace\s+(?:una|\w+)\s+horas?",
    "pt": r"(?:faz|ha)\s+(?:uma|meia|\w+)\s+horas?|(?:uma|\w+)\s+horas?\s+aqui",
    "fr": r"depuis\s+(?:une|\w+)\s+heures?|depuis\s+(?:tout\s+a\s+l'heure|ce\s+matin|des\s+heures)",
    "de": r"seit\s+(?:einer|ner|zwei|\w+)\s+(?:stunden?|ewigkeit)|seit\s+stunden",
}.items()}
# A view enjoyed ("la vista es preciosa", "quelle belle vue"): sightseeing, not a ledge.
_VIEW = _rx(r"vista|paisaje|paisagem|vue|aussicht|precios[oa]|lind[oa]|magnifique|superbe|wunderschon|sunset|atardecer|por\s+do\s+sol|coucher\s+de\s+soleil|sonnenuntergang|fotos?")
_TIME = {lang: _rx(p + "|" + _WEEKDAYS[lang]) for lang, p in {
    "es": r"hoy|esta\s+noche|manana|ahora|ahorita|ya\s+mismo|pronto|este\s+fin\s+de\s+semana",
    "pt": r"hoje|hoje\s+a\s+noite|essa\s+noite|esta\s+noite|amanha|agora|logo|nesse\s+fim\s+de\s+semana",
    "fr": r"ce\s+soir|cette\s+nuit|aujourd'hui|demain|maintenant|bientot|ce\s+week-?end",
    "de": r"heute|heute\s+nacht|morgen|jetzt|gleich|bald|am\s+wochenende",
}.items()}
# Round 7: a wish followed closely by a death verb or by never waking up.
_WISH_DEATH = {lang: re.compile(p) for lang, p in {
    "es": r"\b(?:ojala|quisiera|desearia|me\s+gustaria|si\s+tan\s+solo)\s+(?:(?!no\b)\w+\s+){0,3}(?:morir\w*|me\s+muer\w+|me\s+muriera|muriera|estar\s+muert[oa]|no\s+(?:volver\s+a\s+)?despertar\w*|dormir(?:me)?\s+para\s+siempre)\b",
    "pt": r"\b(?:quem\s+me\s+dera|tomara\s+que\s+eu|queria|gostaria\s+de|se\s+ao\s+menos\s+eu|se\s+eu\s+pudesse)\s+(?:(?!nao\b)\w+\s+){0,3}(?:morrer|estar\s+mort[oa]|nunca\s+mais\s+acordar|nao\s+acordar(?:\s+mais)?|dormir\s+(?:pra|para)\s+sempre)\b",
    "fr": r"\b(?:si\s+seulement\s+je|j'aimerais|je\s+voudrais|je\s+souhaite)\s+(?:(?!pas\b|ne\b)[\w']+\s+){0,3}(?:mourir|crever|etre\s+mort\w*|(?:ne\s+)?(?:plus|jamais)\s+(?:jamais\s+)?me\s+reveiller|(?:m'endormir|dormir)\s+pour\s+toujours)\b",
    "de": r"\b(?:wunschte,?\s+ich|wunsche\s+mir,?\s+(?:dass\s+ich|zu)|ware\s+ich\s+doch\s+lieber)\s+(?:(?!nicht\b)\w+\s+){0,4}(?:sterben|sterbe|tot|sturbe|(?:nie|nicht)\s+(?:mehr\s+|wieder\s+|mehr\s+wieder\s+)?aufwach\w*|fur\s+immer\s+(?:ein)?schlafen)\b",
}.items()}
_FOOD = _rx(r"chocolate\w*|chocolat\w*|schokolade|bombo\w*|bonbons?|galletas?|biscoit\w*|biscuits?|gateaux|kekse?|cereal\w*|cereales|leite|leche|lait|milch|suco|zumo|jugo|jus|saft|cerveja|cerveza|biere|bier|pizza|bolo|pastel|sorvete|helado|glace|eis|doces|dulces|chicles?|pipoca|palomitas|pralinen")
# "pastillas para el dolor de cabeza": a remedy bought for an ailment is not means.
_REMEDY = {lang: _rx(p) for lang, p in {
    "es": r"para\s+(?:el|la|mi)\s+(?:dolor|gripe|resfriado|tos|fiebre|alergia|presion|estomago)|dolor\s+de\s+\w+|gripe|resfriado",
    "pt": r"pr?a\s+(?:a\s+|o\s+|minha\s+)?(?:dor|gripe|resfriado|tosse|febre|alergia|pressao)|dor\s+de\s+\w+|gripe",
    "fr": r"pour\s+(?:le|la|mon|ma|mes)\s+(?:mal|rhume|grippe|toux|fievre|allergie|tension)|mal\s+de\s+\w+|rhume|grippe",
    "de": r"gegen\s+(?:\w+\s+)?(?:kopfschmerzen|schmerzen|erkaltung|grippe|husten|fieber|allergie)|kopfschmerz\w*|erkaltung",
}.items()}
_CLITIC = {lang: re.compile(p) for lang, p in {
    "es": r"\b\w+(?:mel[oa]s?|rme)\b|\bme\s+(?:las|los)\b", "pt": r"\b\w+-?l[oa]s\b|\bme\b", "fr": r"\bles\b", "de": r"\bsie\b"}.items()}
_ON = {lang: _rx(p) for lang, p in {
    "es": r"estoy\s+(?:en|arriba)", "pt": r"estou\s+(?:na|no|em\s+cima)|to\s+(?:na|no)", "fr": r"je\s+suis\s+sur", "de": r"ich\s+(?:stehe|steh|bin|sitze|sitz|hocke|hock)\s+(?:\w+\s+){0,2}(?:auf|aufm|oben)"}.items()}
_PRESENT_HARM = {lang: _rx(p) for lang, p in {
    "es": r"otra\s+vez|de\s+nuevo|volvi|ahora|ahorita|hoy|no\s+puedo\s+parar|cada\s+(?:dia|noche)|me\s+estoy",
    "pt": r"de\s+novo|outra\s+vez|voltei|agora|hoje|nao\s+consigo\s+parar|toda\s+(?:noite|semana)|essa\s+semana|cada\s+vez",
    "fr": r"remis\w*|recommence|encore|maintenant|ce\s+soir|tous\s+les\s+(?:jours|soirs)|je\s+n'arrive\s+pas\s+a\s+arreter",
    "de": r"wieder|jetzt|heute|jeden\s+(?:abend|tag)|seit\s+(?:gestern|tagen|wochen)|kann\s+nicht\s+aufhoren",
}.items()}


def final_cue(text: str, language: str) -> str | None:
    """Finality or having decided in `text` (plain): with passive risk or a burden anywhere in the
    message, a crisis ("it's over" and "I can't anymore" are exasperation too, so they do not count)."""
    roles = ROLES.get(language)
    for role in ("finality", "decided") if roles else ():
        m = roles[role].search(text)
        if m:
            return m.group()
    return None


def burden_cue(text: str, language: str) -> str | None:
    """Being a burden, disappearing, nobody would miss me (plain text)."""
    roles = ROLES.get(language)
    m = roles["burden"].search(text) if roles else None
    return m.group() if m else None


def risk_stem(text: str, language: str) -> str | None:
    """A death or self-harm stem in `text` (plain), if any: never small talk on its own."""
    roles = ROLES.get(language)
    if roles is None:
        return None
    for role in ("death", "harm", "life_refusal"):
        m = roles[role].search(text)
        if m:
            return m.group()
    return None


# Support needs by structure: a feeling verb with anything after it, sleep with a negation, a
# relationship ending, conflict, worth, grief, pressure. Small talk rarely has these.
_SUPPORT = {lang: _rx(p) for lang, p in {
    "es": r"siento\s+que|me\s+siento(?!\s+(?:muy\s+|tan\s+)?(?:bien|genial|feliz|mejor|content[oa]|tranquil[oa]))|me\s+(?:pone|tiene|deja)\s+(?:muy\s+|tan\s+)?(?:mal|trist\w+|nervios\w+|ansios\w+|estresad\w+)"
          r"|no\s+(?:\w+\s+){0,3}(?:duermo|dormir|descanso)|orgullos\w*|decepcion\w*|insegur\w*|rechaz\w*|humill\w*|me\s+ignora\w*"
          r"|me\s+(?:dejo|engano|ha\s+dejado)|cortamos|terminamos|discut\w+|pele\w+|me\s+grita\w*|extran\w+|echo\s+de\s+menos"
          r"|no\s+me\s+(?:valoran|quieren|entienden|escuchan)|me\s+da\s+(?:mucha\s+)?(?:ansiedad|miedo|verguenza|panico)|me\s+tiemblan",
    "pt": r"me\s+sinto(?!\s+(?:muito\s+)?(?:bem|otim[oa]|feliz|melhor|tranquil[oa]))|sinto\s+que|fico\s+(?:muito\s+)?(?:mal|triste|nervos\w+|ansios\w+)|ando\s+(?:muito\s+|meio\s+|tao\s+)?\w+ad[oa]s?"
          r"|nao\s+(?:\w+\s+){0,3}(?:durmo|dormir|consigo\s+dormir)|terminou\s+comigo|me\s+(?:largou|deixou|traiu|humilha\w*|ignora\w*)"
          r"|nao\s+paro\s+de\s+pensar|(?<!matar a )(?<!matar da )saudade\w*|brig\w+|discut\w+|humilh\w+|vergonha|inseguranca|rejeit\w+|irritad\w*|desanimad\w*"
          r"|ninguem\s+me\s+(?:entende|ouve|ama)|tenho\s+(?:medo|crises?)|crises?\s+de\s+\w+",
    "fr": r"je\s+me\s+sens(?!\s+(?:tres\s+|trop\s+)?(?:bien|mieux|super|heureu\w+|en\s+forme))|j'ai\s+du\s+mal|je\s+n'arrive\s+(?:plus|pas)\s+a|confiance\s+en\s+moi|rumin\w+|tromp\w+|m'a\s+quitte\w*"
          r"|dispute\w*|engueul\w+|dors\s+(?:plus|mal|pas)|sommeil|crises?\s+d'\w+|manque\s+de|me\s+manque|deprime\w*|mal\s+dans\s+ma\s+peau"
          r"|personne\s+ne\s+m'\w+|je\s+pleure|stresse\w*|angoisse\w*|j'ai\s+peur",
    "de": r"fuhle\s+mich(?!\s+(?:sehr\s+|richtig\s+)?(?:gut|besser|wohl|super|fit))|nicht\s+(?:\w+\s+){0,2}(?:schlafen|einschlafen|durchschlafen)|schluss\s+gemacht|verlassen|betrogen"
          r"|streit\w*|macht\s+mich\s+(?:fertig|kaputt|traurig|wutend|verruckt)|niedergeschlagen|grubel\w*|einsam\w*|vermisse|traurig\w*"
          r"|selbstzweifel\w*|minderwertig\w*|keiner\s+versteht\s+mich|ich\s+habe\s+angst|angst\s+vor|uberfordert|schuldig",
}.items()}
# Round 6: worth, grief, pressure and conflict in more of the words people use (German compounds
# such as "Prüfungsangst" carry the feeling inside the word).
_SUPPORT_MORE = {lang: _rx(p) for lang, p in {
    "es": r"no\s+tengo\s+ganas\s+de\s+nada|ganas\s+de\s+llorar|no\s+valgo|me\s+cuesta\w*|agobiad\w*|bajon|me\s+duele\w*|ansiedad|me\s+rompio\s+el\s+corazon|nadie\s+me\s+\w+|me\s+hace\s+sentir|me\s+trata\s+mal|menosprecia\w*|no\s+soy\s+suficiente",
    "pt": r"sem\s+vontade\s+de\s+(?:nada|sair|viver\s+nada)|vontade\s+de\s+chorar|arrasad\w*|me\s+sinto|me\s+faz\s+sentir|me\s+trata\s+mal|me\s+diminui|coracao\s+partido|nao\s+sou\s+suficiente|ansiedade|angustia\w*|chateado\w*|magoad\w*",
    "fr": r"rabaiss\w*|a\s+la\s+hauteur|envie\s+de\s+rien|coeur\s+brise|harcel\w*|humili\w*|se\s+moqu\w+|ronge|tristesse|trist\w*|(?:si|tellement|tres|trop|toute?)\s+seule?|epuise\w*|nul(?:le)?\s+(?:en|a)|pas\s+assez\s+bien|m'ignore",
    "de": r"gestritten|belastet|\w*angst\w*|\w*kummer|mach\w*\s+mich\s+(?:\w+\s+){0,3}(?:runter|fertig|kaputt|klein)|runtergemacht|gut\s+genug|das\s+gefuhl,?\s+(?:nie|nicht|niemand|keiner|dass\s+(?:mich|ich\s+nicht|niemand|keiner))|(?:zu\s+)?nichts\s+(?:mehr\s+)?lust|tut\s+(?:so\s+)?weh|herz\s+gebrochen|ausgelacht|gemobbt|nervos|unsicher|keine\s+kraft|schaffe\s+das\s+nicht|verletzt\s+mich",
}.items()}


def support_cue(text: str, language: str) -> str | None:
    rx, more = _SUPPORT.get(language), _SUPPORT_MORE.get(language)
    m = (rx.search(text) or more.search(text)) if rx else None
    return m.group() if m else None
