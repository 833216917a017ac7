"""German. Written for Calma; accent-free, lower-case patterns ("müde" as "mude", "ß" as "ss")."""

LEXICON = {
    "suicide": [
        r"\bsuizid\w*|\bselbstmord\w*|\bfreitod\b",
        r"\b(?:will|mochte|werde|wurde\s+gern|denke\s+daran,?|habe\s+lust|wunsche\s+mir)\s+(?:(?!nicht\b|nie\b|niemals\b|kein\w*\b)[\w',]+\s+){0,3}(?:sterben|tot\s+sein|mich\s+umbringen|mich\s+umzubringen|mir\s+das\s+leben\s+(?:nehmen|zu\s+nehmen)|nicht\s+mehr\s+(?:leben|aufwachen|da\s+sein))\b",
        r"\bich\s+habe\s+mich\s+von\s+(?:allen|meiner|meinen|meinem)\s+(?:\w+\s+)?verabschiedet\b|\b(?:die\s+)?pulsadern\s+(?:auf)?(?:schneiden|aufzuschneiden)\b|\bgift\s+(?:nehmen|trinken|schlucken)\b|\btabletten\s+(?:\w+\s+){0,2}(?:nehmen|schlucken),?\s+alle\b|\balles\s+ist\s+bereit\s+fur\b",
        r"\b(?:mich\s+umbringen|mich\s+umzubringen|bringe?\s+mich\s+(?:(?!nicht\b|nie\b|niemals\b)\w+\s+){0,3}um\b|\bmich\s+(?:(?!nicht\b|nie\b|niemals\b)\w+\s+){1,3}(?:umbringen|umzubringen|toten|erhangen|erschiessen|vergiften)\b|mir\s+das\s+leben\s+(?:nehmen|zu\s+nehmen)|meinem\s+leben\s+ein\s+ende\s+(?:setzen|machen)|mich\s+toten|mich\s+zu\s+toten|schluss\s+machen\s+mit\s+(?:allem|dem\s+leben|mir)|mache?\s+(?:ich\s+)?(?:\w+\s+)?schluss\s+mit\s+(?:allem|dem\s+leben|mir)|keine\s+lust\s+mehr\s+(?:zu\s+)?(?:leben|auf\s+das\s+leben))\b",
        r"\b(?:ich\s+)?(?:will|mochte|moechte|werde)\s+sterben\b|\b(?:will|mochte|moechte)\s+(?:einfach\s+)?tot\s+sein\b|\bwunschte,?\s+ich\s+(?:ware|waere)\s+tot\b|\bwunschte,?\s+ich\s+wurde\s+nicht\s+mehr\s+aufwachen\b",
        r"\b(?:ich\s+)?(?:will|mochte|moechte)\s+nicht\s+mehr\s+(?:leben|da\s+sein|existieren|aufwachen|hier\s+sein)\b|\bich\s+habe\s+keinen\s+grund\s+mehr\s+zu\s+leben\b|\bdas\s+leben\s+ist\s+es\s+nicht\s+(?:mehr\s+)?wert\b",
        r"\b(?:waren|waeren|ware)\s+(?:alle\s+)?(?:ohne\s+mich\s+)?besser\s+dran(?:\s+ohne\s+mich)?\b|\bbesser\s+tot\b|\bich\s+will,?\s+dass\s+alles\s+aufhort\b|\bfur\s+immer\s+(?:schlafen|verschwinden)\b",
        r"\b(?:alle\s+(?:meine\s+)?tabletten|die\s+ganze\s+packung|eine\s+ganze\s+packung)\s+(?:\w+\s+)?(?:nehmen|schlucken|genommen|geschluckt)\b|\buberdosis\b|\bwie\s+viele\s+(?:\w+\s+)?(?:tabletten|pillen)\b|\btodliche\s+dosis\b",
        r"\b(?:tabletten|pillen)\s+(?:gesammelt|gehortet|zur\s+seite\s+gelegt|bereit)\b|\b(?:sammle|horte)\s+(?:\w+\s+)?(?:tabletten|pillen)\b|\b(?:mich\s+erhangen|mich\s+aufhangen|einen\s+strick|den\s+strick|mich\s+erschiessen|mich\s+vergiften|vor\s+den\s+zug\s+(?:werfen|springen)|von\s+(?:der|einer|dem|einem)\s+(?:brucke|hochhaus|dach)\s+springen|runterspringen|spring(?:e|en)?\s+(?:\w+\s+){0,3}(?:von|vor)\s+(?:der|die|den|einer|einem|dem|das)\s+(?:brucke|hochhaus|dach|zug|gleise|klippe|balkon))\b",
        r"\bich\s+stehe\s+auf\s+(?:der|einer|dem)\s+(?:brucke|dach|gleisen)\b|\babschiedsbrief\w*|\b(?:das\s+ist\s+)?meine\s+letzte\s+nachricht\b|\blebt\s+wohl\b|\bwenn\s+ich\s+nicht\s+mehr\s+da\s+bin\b|\bmorgen\s+bin\s+ich\s+nicht\s+mehr\s+da\b",
        r"\bmir\s+(?:etwas|was)\s+(?:antun|anzutun)\b|\bvom\s+(?:dach|balkon|hochhaus)\s+(?:springen|zu\s+springen)\b|\bspringe?\s+vom\s+(?:dach|balkon|hochhaus)\b|\b(?:viele|zu\s+viele|alle)\s+(?:\w+\s+)?tabletten\s+(?:genommen|geschluckt)\b|\beinschlafen\s+und\s+nicht\s+mehr\s+aufwachen\b",
    ],
    "self_harm": [
        r"\b(?:mich\s+ritzen|ritze\s+mich|mich\s+(?:wieder\s+)?geritzt|mich\s+schneiden|schneide\s+mich|mich\s+verletzen|verletze\s+mich|mir\s+weh\s+tun|mir\s+wehtun|tue\s+mir\s+weh|mich\s+verbrennen|mich\s+schlagen)\b",
        r"\britz\w*|\bselbstverletz\w*|\bsvv\b|\bdrang\s+(?:mich\s+)?zu\s+ritzen\b|\bklinge\s+(?:in\s+der\s+hand|auf\s+der\s+haut)\b|\b(?:mich|mir)\s+(?:\w+\s+){0,3}absichtlich\s+(?:verletzt|geschnitten|verbrannt|weh\s*getan)\b",
    ],
    "harm_others": [
        r"\bich\s+(?:bring|bringe|werde)\s+(?:ihn|sie|die|den|meinen|meine|mein|diesen|diese)\s+(?:(?!nicht\b|nie\b)\w+\s+){0,3}(?:um|umbringen|erstechen|vergiften|erschiessen)\b|\bich\s+will\s+(?:ihn|sie)\s+(?:umbringen|toten)\b",
        r"\b(?:eine\s+waffe|ein\s+messer|eine\s+pistole)\s+(?:mit\s+)?in\s+die\s+schule\s+(?:mitnehmen|bringen)\b|\bgift\s+in\s+(?:sein|ihr)\s+(?:essen|getrank|kaffee)\b|\bmeinem\s+(?:baby|kind)\s+weh\s*tun\b",
    ],
    "abuse_danger": [
        r"\b(?:er|sie|mein\s+\w+|meine\s+\w+)\s+(?:schlagt|schlaegt|verpr\w+|vergewaltigt|wurgt|tritt|sperrt)\s+mich\b|\bschlagt\s+mich\b|\b(?:hat|haben)\s+mich\s+(?:geschlagen|vergewaltigt|gewurgt|eingesperrt)\b",
        r"\b(?:er|sie)\s+(?:hat\s+gesagt|sagt),?\s+(?:er|sie)\s+(?:bringt|bringe|wird)\s+mich\s+um\b|\bdroht\s+(?:mich\s+)?(?:umzubringen|mir)\b|\bich\s+habe\s+angst,?\s+dass\s+(?:er|sie)\s+mich\s+umbringt\b|\bich\s+bin\s+zu\s+hause\s+nicht\s+sicher\b",
        r"\b(?:er|sie)\s+missbraucht\s+mich\b|\b(?:jemand|er)\s+(?:versucht\s+reinzukommen|steht\s+vor\s+(?:meiner\s+tur|dem\s+haus))\b|\bfasst\s+mich\s+(?:nachts|an,?\s+wenn)\b|\b(?:hat|nahm)\s+meinen\s+pass\s+(?:weggenommen|genommen)\b",
        r"\bbedroht\s+mich\s+(?:mit|schon\s+wieder|gerade)\b|\bfasst\s+mich\s+(?:an|unten\s+an|uberall\s+an)\b|\bich\s+wurde\s+vergewaltigt\b|\bzwingt\s+mich\s+zu\s+(?:sex|sachen)\b|\bhat\s+gedroht,?\s+mich\s+umzubringen\b",
    ],
    "third_person": r"\b(?:(?:mein\w*|sein\w*|ihr\w*|der|die|das)\s+\w+\s+(?:\w+\s+){0,3}(?:stirbt|sterben\s+wird|sterben\s+konnte|wird\s+sterben)|(?:er|sie)\s+(?:\w+\s+){0,2}sich\s+(?:\w+\s+){0,2}(?:umbringen|umzubringen|toten|das\s+leben\s+(?:zu\s+)?nehmen|ritzen|ritzt|verletzen|verletzt)|(?:hat|habe)\s+versucht,?\s+sich\s+(?:\w+\s+){0,2}(?:umzubringen|das\s+leben\s+zu\s+nehmen|zu\s+toten)|suizidversuch\w*|hat\s+sich\s+(?:\w+\s+){0,4}(?:das\s+leben\s+genommen|umgebracht|suizidiert|erhangt)|nahm\s+sich\s+(?:\w+\s+){0,3}das\s+leben|starb\s+durch\s+suizid|(?:mein|meine)\s+(?:\w+\s+)?(?:freund\w*|bruder|schwester|cousin\w*|sohn|tochter|vater|mutter)\s+(?:ritzt\s+sich|verletzt\s+sich|will\s+sich\s+umbringen|redet\s+von\s+suizid)|(?:sagt|meint),?\s+(?:er|sie)\s+(?:will|mochte)\s+sterben|redet\s+(?:davon|vom)\s+(?:sterben|suizid))\b",
    "passive": [
        r"\bich\s+sehe\s+(?:keine\s+zukunft|keinen\s+sinn|keinen\s+ausweg)\b|\bwozu\s+(?:noch\s+)?(?:weitermachen|leben)\b|\bwas\s+(?:ist|soll)\s+(?:das\s+alles\s+)?(?:noch\s+)?(?:der\s+sinn|das\s+alles)\b|\bdas\s+leben\s+hat\s+keinen\s+sinn\b",
        r"\bich\s+(?:will|mag)\s+(?:einfach\s+)?nicht\s+mehr\s*$|\bich\s+kann\s+nicht\s+mehr\b|\bmude\s+vom\s+leben\b|\blebensmude\b|\bich\s+(?:will|mochte|mochte)\s+(?:einfach\s+)?verschwinden\b|\bich\s+bin\s+(?:nur\s+)?eine\s+last\b",
        r"\bniemand\s+(?:wurde|wird)\s+(?:mich\s+vermissen|es\s+merken)\b|\bich\s+denke\s+(?:oft\s+)?an\s+den\s+tod\b|\bes\s+ware\s+einfacher,?\s+wenn\s+ich\s+nicht\s+(?:mehr\s+)?da\s+ware\b",
    ],
    "therapeutic": r"\b(?:traurig\w*|deprimiert\w*|depression\w*|angst\w*|angstlich\w*|panik\w*|einsam\w*|(?:so|ganz|sehr|total)\s+allein|stress\w*|uberfordert\w*|weine|weinen|geweint|heule|therapie\w*|therapeut\w*|psycholog\w*|trauer\w*|trennung|scheidung|schlaflos\w*|innerlich\s+leer|fuhle\s+mich\s+(?:so\s+)?leer|erschopft\w*|ausgebrannt|burnout|selbstwert\w*|ich\s+hasse\s+mich|schuld\w*|scham|schame\s+mich|versager\w*|mir\s+geht\s+es\s+(?:schlecht|mies)|ich\s+fuhle\s+mich\s+(?:schlecht|verloren|leer)|kann\s+nicht\s+schlafen|gestorben|verstorben|eifersucht\w*|mobbing|gemobbt|sorgen|gestresst|niemand\s+versteht\s+mich|albtraum\w*|alptraum\w*|hoffnungslos\w*|verzweifelt\w*|hat\s+mich\s+fruher\s+geschlagen|schlug\s+mich|mir\s+(?:nie|niemals|nichts)\s+(?:etwas\s+)?(?:antun|anzutun)"
    r"|weiss\s+nicht,?\s+was\s+ich|mit\s+meinem\s+leben|betrogen|verlassen|keine\s+freunde|streit\w*|nicht\s+gut|nicht\s+aus\s+dem\s+bett|scheiden|trennen|wertlos"
    r"|ich\s+fuhle\s+mich\s+(?!gut\b|besser\b|wohl\b)\w+|mir\s+geht(?:'s|\s+es)\s+(?:nicht\s+gut|schlecht|mies|beschissen|dreckig)|niemand\s+mag\s+mich|ich\s+hasse\s+(?:mein\s+leben|meinen\s+korper)"
    r"|probleme\s+mit\s+dem\s+essen|essstorung\w*|fressattacke\w*|erbrech\w*|macht\s+mir\s+(?:angst|sorgen)|vermisse|heule|kein\s+antrieb|keine\s+motivation|antriebslos|druck(?!\s+(?:mir|dir|uns)\b))\b",
    "negators": r"\b(?:nicht|nie|niemals|kein\w*|ohne|nein)\b",
    "bridge": "ich mich mir will werde wurde mochte habe hab denke gedacht daran zu vor absicht plane plan bin gar wirklich auf keinen fall",
    "past": r"\b(?:ritzte|schnitt\s+mich|verletzte\s+mich|mit\s+\d{1,2}(?:\s+jahren)?(?=\s*(?:,|hab|habe|bin|war|ritzte|als|hat))|als\s+ich\s+\d{1,2}\s+war|in\s+der\s+schulzeit|vor\s+(?:jahren|monaten|langer\s+zeit)|als\s+ich\s+(?:jung|klein|jugendlich|teenager|\d+)|als\s+kind|als\s+teenager|fruher|damals|in\s+der\s+vergangenheit|letztes\s+jahr|im\s+jahr\s+(?:19|20)\d\d|habe\s+(?:es\s+)?uberwunden|uberlebt)\b",
    "present": r"\b(?:wieder|schon\s+wieder|jetzt|heute|heute\s+nacht|in\s+letzter\s+zeit|ruckfall)\b",
    "idioms": [
        # Round 9: anyone else "bringt mich um" (will be furious), unless danger is in the sentence.
        r"\b(?:mein|meine|meiner|dein|deine|der|die|das|unser|unsere)\s+(?:\w+\s+){0,2}?(?:bringt|bringen|wird)\s+mich\s+(?:\w+\s+){0,3}?um\b(?![^.!?]*\b(?:betrunken|besoffen|schlagt|schlaegt|droht|bedroht|ernst|wirklich|kein\s+witz)\b)",
        r"\b(?:akku|handy\w*|laptop|auto|batterie|pc|computer|drucker|fernseher|konsole|\w*akku)\b[^.!?]{0,40}\b(?:gestorben|tot|abgekratzt|verreckt|hinuber)\b",  # round 9: a device "died"
        r"\bzu\s+tode\s+(?:erschreckt|erschrocken|gelangweilt|gelacht|geschamt)\b|\btod(?:mude|langweilig|schick|chic|ernst|sicher)\b",  # round 9
        # Round 9: a farewell before holidays or a move.
        r"\bverabschiedet\b[^.!?]*\b(?:urlaub|reise|umzug|ziehe\s+um|auslandssemester|bis\s+(?:bald|montag|nachste\w*))\b|\b(?:urlaub|reise|umzug)\b[^.!?]*\bverabschiedet\b",
        r"\b(?:ich\s+bring\w*\s+(?:ihn|sie|dich)\s+um)\b[^.!?]*\bwenn\b[^.!?]*\b(?:haha\w*|lol|xd+)\b",  # a joking conditional threat
        r"\b(?:mat\w*|muer\w*|muri\w*|morr\w*|meur\w*|tu(?:e|es|er|ee)|sterb\w*|stirb\w*)\s+(?:\w+\s+)?(?:de|vor)\s+(?:la\s+)?(?:risa|rir|rire|lachen|risada|carcajada\w*)\b",  # laughing, in any of the four
        r"\b(?:ich\s+)?sterbe\s+(?:vor|fast\s+vor)\s+(?:lachen|hunger|langeweile|hitze|kalte|scham|neugier)\b|\bzum\s+sterben\s+(?:schon|langweilig|mude)\b|\btodmude\b|\btotlachen\b|\blach\s+mich\s+tot\b|\bvor\s+(?:lachen|hunger|langeweile|scham|neugier|hitze|kalte|sehnsucht)\s+(?:\w+\s+)?sterben\b",
        r"\b(?:meine\s+mutter|mein\s+vater|meine\s+mama|mein\s+papa|mein\s+chef|meine\s+chefin|meine\s+eltern|mein\s+lehrer)\s+(?:bringt|wird)\s+mich\s+(?:um|umbringen)\b|\bbringt\s+mich\s+um,?\s+wenn\b",
        r"\b(?:diese|dieser|dieses|der|die|das)\s+(?:\w+\s+){1,3}bringt\s+mich\s+(?:noch\s+)?um\b|\bdie\s+zeit\s+totschlagen\b|\bzwei\s+fliegen\s+mit\s+einer\s+klappe\b|\b(?:akku|handy|laptop)\s+(?:ist\s+)?(?:tot|leer)\b|\bhaare\s+(?:\w+\s+)?(?:geschnitten|schneiden)\b|\b(?:heiss|hitze|kalt|hunger|durst|mude)\W+(?:\w+\W+){0,3}(?:ich\s+)?(?:sterbe|sterb)\b|\b(?:ich\s+)?sterbe\W+(?:\w+\W+){0,2}(?:vor\s+)?(?:hitze|hunger|kalte|durst)\b",
        r"\bim\s+(?:spiel|film|buch|roman|videospiel)\b|\bin\s+der\s+serie\b|\bsuizidpravention\b|\b(?:referat|buch|doku|hausarbeit)\s+uber\s+(?:suizid|selbstmord)\b|\bich\s+bin\s+tot\s+(?:lol|haha|xd)\b",
    ],
    "affirm": r"^(?:ja+|jap|jup|jo|jein|manchmal|vielleicht|ein\s+bisschen|etwas|schon|irgendwie|ich\s+glaube\s+(?:schon|ja)|oft|standig|dauernd|ja\s+\w+(?:\s+\w+){0,5}|eher\s+ja)$",
    "deny": r"^(?:nein+|nee|ne|gar\s+nicht|nie|nein\s+nein|nein,?\s+(?:mir\s+geht'?s\s+gut|alles\s+gut|nur\s+\w+(?:\s+\w+){0,5}|danke)|alles\s+gut|mir\s+geht'?s\s+gut|auf\s+keinen\s+fall)$",
    "unsure": r"^(?:weiss\s+nicht|ich\s+weiss\s+(?:es\s+)?nicht|keine\s+ahnung|bin\s+mir\s+nicht\s+sicher)$",
    "retract": r"^(?:war\s+nur\s+(?:ein\s+)?(?:witz|spass)|nur\s+spass|spass|vergiss\s+es|vergiss\s+was\s+ich\s+gesagt\s+habe|egal|schon\s+gut|war\s+nicht\s+ernst\s+gemeint|nichts|ist\s+nichts|haha\s+(?:nein|spass))$",
    "starts_no": r"^(?:nein|nee|nicht\s+wirklich|gar\s+nicht)\b",
    "act": r"\bschon\s+(?:die\s+halfte|alle|viele|\d+)\s+(?:\w+\s+)?(?:genommen|geschluckt)\b|\bich\s+habe\s+es\s+getan\b|\bes\s+ist\s+zu\s+spat\b",
    "time": r"\b(?:heute\s+(?:nacht|abend)|heute|morgen|jetzt(?:\s+gleich)?|gleich|bald|am\s+wochenende|dieses\s+wochenende|in\s+(?:einer|ein\s+paar)\s+stunden?|am\s+(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)|wenn\s+alle\s+schlafen|um\s+\d+)\b",
    "now": r"\b(?:jetzt|gerade|(?:er|sie)\s+(?:ist\s+(?:da|zu\s+hause|wieder\s+da|betrunken|vor\s+der\s+tur)|kommt\s+(?:nach\s+hause|gleich|heim)|schreit))\b",
    "plan": r"\b(?:ich\s+habe\s+einen\s+plan|ich\s+weiss\s+(?:schon\s+)?wie|ich\s+habe\s+(?:mich\s+)?entschieden|alles\s+ist\s+(?:geplant|vorbereitet|bereit)|(?:den\s+tag|das\s+datum|den\s+ort)\s+(?:ausgesucht|gewahlt)|brief\s+geschrieben)\b",
    "means": r"\b(?:tabletten|pillen|medikamente|strick|seil|waffe|pistole|messer|klinge|rasierklinge|brucke|dach|gleise|gift)\b",
    "person_question": r"\b(?:bist\s+du|sind\s+sie)\s+(?:ein\s+)?(?:mensch|echt|real|ein\s+roboter|ein\s+bot|eine\s+ki|eine\s+maschine)\b|\b(?:rede|spreche|schreibe)\s+ich\s+mit\s+(?:einem\s+)?(?:menschen|mensch|bot|roboter|ki|maschine)\b",
    "ask_suicide": r"(?:suizidgedanken|gedanken,?\s+(?:dich\s+umzubringen|dir\s+das\s+leben\s+zu\s+nehmen|dir\s+etwas\s+anzutun|deinem\s+leben\s+ein\s+ende)|denkst\s+du\s+(?:daran|an\s+suizid)|willst\s+du\s+sterben|dir\s+(?:etwas\s+)?(?:anzutun|weh\s*zu\s*tun))",
    "ask_safety": r"(?:bist\s+du\s+(?:in\s+sicherheit|sicher|in\s+gefahr))",
    "ask_plan": r"(?:hast\s+du\s+(?:einen\s+plan|zugang|die\s+tabletten)|weisst\s+du\s+(?:schon\s+)?wie)",
}
