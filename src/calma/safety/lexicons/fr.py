"""French. Written for Calma; accent-free, lower-case patterns, apostrophes as "'"."""

LEXICON = {
    "suicide": [
        r"\bsuicid\w*",
        r"\b(?:je\s+veux|je\s+voudrais|je\s+vais|j'ai\s+envie\s+de|je\s+pense\s+a|envie\s+de|je\s+prefere)\s+(?:(?!pas\b|plus\b|jamais\b|ne\b|n')[\w',]+\s+){0,3}(?:mourir|me\s+tuer|me\s+suicider|en\s+finir|disparaitre\s+pour\s+toujours|ne\s+plus\s+(?:exister|me\s+reveiller))\b",
        r"\bj'ai\s+dit\s+adieu\s+a\b|\b(?:m'ouvrir|me\s+couper|me\s+taillader)\s+les\s+(?:veines|poignets)\b|\b(?:prendre|avaler|boire)\s+du\s+poison\b|\bquand\s+je\s+me\s+serai\s+tue\w*\b|\btout\s+est\s+pret\s+pour\b",
        r"\b(?:me\s+tuer|me\s+suicider|en\s+finir(?:\s+avec\s+(?:la\s+vie|tout|ma\s+vie))?|mettre\s+fin\s+a\s+mes\s+jours|mettre\s+fin\s+a\s+ma\s+vie|me\s+foutre\s+en\s+l'air|me\s+supprimer)\b",
        r"\b(?:je\s+veux|j'ai\s+envie\s+de|je\s+voudrais|je\s+vais)\s+mourir\b|\benvie\s+de\s+mourir\b|\bje\s+voudrais\s+(?:etre\s+mort[e]?|ne\s+pas\s+me\s+reveiller|disparaitre\s+pour\s+toujours)\b",
        r"\bje\s+ne\s+veux\s+plus\s+(?:vivre|exister|etre\s+la|me\s+reveiller)\b|\bj'ai\s+(?:plus\s+)?(?:aucune\s+)?raison\s+de\s+vivre\b|\bla\s+vie\s+ne\s+vaut\s+(?:pas|plus)\s+la\s+peine\b|\bje\s+veux\s+plus\s+vivre\b",
        r"\bseraient\s+mieux\s+sans\s+moi\b|\b(?:tout\s+le\s+monde|ils|elles)\s+(?:serait|seraient)\s+mieux\s+sans\s+moi\b|\bmieux\s+mort[e]?\b|\bje\s+veux\s+que\s+tout\s+s'arrete\b|\bdormir\s+pour\s+toujours\b",
        r"\b(?:avaler|prendre|j'ai\s+pris|j'ai\s+avale)\s+(?:tous\s+mes|toute\s+la\s+boite\s+de|toute\s+ma\s+boite\s+de|plein\s+de|une\s+boite\s+de)\s+(?:\w+\s+)?(?:cachets|medicaments|comprimes|pilules)\b|\boverdose\b|\bcombien\s+de\s+(?:\w+\s+)?(?:cachets|comprimes|pilules)\b|\bdose\s+mortelle\b",
        r"\b(?:j'ai\s+garde|je\s+garde|je\s+mets\s+de\s+cote|j'accumule)\s+(?:\w+\s+)?(?:cachets|medicaments|comprimes)\b|\b(?:me\s+pendre|une\s+corde|la\s+corde|me\s+tirer\s+une\s+balle|m'empoisonner|me\s+jeter\s+(?:du|d'un|de|sous|par)|sauter\s+(?:du|d'un|de\s+la)\s+(?:pont|immeuble|toit|fenetre|falaise))\b",
        r"\bje\s+suis\s+sur\s+(?:le|un)\s+(?:pont|toit|rebord|quai)\b|\blettre\s+d'adieu\b|\bc'est\s+mon\s+dernier\s+message\b|\badieu\s+(?:pour\s+toujours|a\s+tous)\b|\bquand\s+je\s+ne\s+serai\s+plus\s+la\b|\bje\s+ne\s+serai\s+plus\s+la\s+demain\b",
        r"\bsauter\s+par\s+la\s+fenetre\b|\bme\s+jeter\s+par\s+la\s+fenetre\b|\b(?:cachets|arme|pistolet|couteau|lame|corde)\s+(?:\w+\s+){0,3}dans\s+(?:la|ma)\s+main\b|\bquitter\s+ce\s+monde\b",
    ],
    "self_harm": [
        r"\b(?:me\s+couper|je\s+me\s+coupe|je\s+me\s+suis\s+coupee?\s+(?:encore|a\s+nouveau|les\s+bras|les\s+poignets)|me\s+scarifier|je\s+me\s+scarifie|me\s+faire\s+du\s+mal|je\s+me\s+fais\s+du\s+mal|me\s+bruler|je\s+me\s+brule|me\s+frapper|je\s+me\s+coupais|je\s+me\s+scarifiais|je\s+me\s+faisais\s+du\s+mal)\b",
        r"\bscarifi\w*|\bautomutil\w*|\bautomutilation\b|\benvie\s+de\s+me\s+(?:couper|faire\s+du\s+mal)\b|\blame\s+(?:dans\s+la\s+main|sur\s+(?:la|ma)\s+peau)\b|\bj'ai\s+recommence\s+a\s+me\s+(?:couper|scarifier)\b|\bje\s+me\s+suis\s+(?:fait\s+mal|coupee?|brulee?)\s+(?:\w+\s+){0,2}expres\b",
    ],
    "harm_others": [
        r"\bje\s+vais\s+(?:le|la|les)\s+(?:tuer|poignarder|empoisonner|buter)\b|\bje\s+veux\s+(?:le|la|les)\s+(?:tuer|buter)\b|\bje\s+vais\s+tuer\s+(?:mon|ma|mes|ce|cette|tout\s+le\s+monde)\b",
        r"\bamener\s+(?:une\s+arme|un\s+couteau|un\s+flingue)\s+(?:a\s+l'ecole|au\s+lycee|au\s+college|au\s+travail)\b|\bdu\s+poison\s+dans\s+son\s+(?:repas|verre|cafe)\b|\bfaire\s+du\s+mal\s+a\s+mon\s+(?:bebe|enfant)\b",
    ],
    "abuse_danger": [
        r"\b(?:il|elle|mon\s+\w+|ma\s+\w+)\s+me\s+(?:frappe|bat|viole|etrangle|tape\s+dessus|enferme|menace\s+de\s+(?:me\s+)?tuer)\b|\bme\s+(?:frappe|bat|a\s+frappee?|a\s+violee?|a\s+etranglee?)\b",
        r"\b(?:il|elle)\s+(?:a\s+dit|dit)\s+qu'(?:il|elle)\s+va\s+me\s+tuer\b|\bj'ai\s+peur\s+qu'(?:il|elle)\s+me\s+tue\b|\bje\s+ne\s+suis\s+pas\s+en\s+securite\s+(?:chez\s+moi|a\s+la\s+maison)\b",
        r"\b(?:il|elle)\s+abuse\s+de\s+moi\b|\b(?:il|elle|on)\s+(?:est\s+en\s+train\s+de|continue\s+de)\s+me\s+(?:frapper|battre|taper|cogner|etrangler|violer)\b|\bon\s+me\s+(?:frappe|viole)\b|\b(?:quelqu'un|il)\s+(?:essaie\s+d'entrer|est\s+devant\s+(?:ma\s+porte|chez\s+moi))\b|\bme\s+touche\s+(?:la\s+nuit|quand|sans)\b|\bil\s+a\s+pris\s+mon\s+passeport\b",
        r"\b(?:il|elle|on)\s+me\s+menace\s+(?:avec|de)\b|\bj'ai\s+ete\s+violee?\b|\bme\s+touche\s+(?:les|mes|partout)\b|\battouchements\b|\bme\s+force\s+a\s+(?:coucher|faire\s+des\s+choses)\b|\bil\s+m'a\s+menacee?\s+de\s+mort\b",
    ],
    "third_person": r"\b(?:(?:mon|ma|son|sa|le|la)\s+\w+\s+(?:va|peut|est\s+en\s+train\s+de)\s+mourir|qu'(?:il|elle)\s+(?:pense|songe)\s+(?:au\s+suicide|a\s+se\s+(?:suicider|tuer)|a\s+mourir)|qu'(?:il|elle)\s+(?:veut|va)\s+(?:se\s+suicider|se\s+tuer|mourir|en\s+finir)|(?:il|elle)\s+(?:pense|songe|parle)\s+(?:au\s+suicide|de\s+se\s+suicider|a\s+se\s+tuer)|(?:a\s+fait|fait|faire)\s+une\s+tentative(?:\s+de\s+suicide)?|tentative\s+de\s+suicide|a\s+tente\s+de\s+(?:se\s+suicider|se\s+tuer|mettre\s+fin)|s'est\s+suicide\w*|s'est\s+tue\w*|a\s+mis\s+fin\s+a\s+ses\s+jours|mort\w*\s+par\s+suicide|(?:mon|ma)\s+(?:\w+\s+)?(?:ami\w*|frere|soeur|cousin\w*|fils|fille|pere|mere|copain|copine)\s+(?:se\s+scarifie|se\s+coupe|veut\s+se\s+suicider|parle\s+de\s+se\s+suicider)|(?:qui\s+)?parle\s+de\s+(?:se\s+)?suicid\w*|dit\s+qu'(?:il|elle)\s+veut\s+mourir)\b",
    "passive": [
        r"\bje\s+ne\s+vois\s+(?:pas\s+d'avenir|plus\s+d'avenir|aucun\s+avenir|pas\s+d'issue|plus\s+le\s+sens)\b|\bje\s+vois\s+(?:pas|plus)\s+(?:d'avenir|d'issue|le\s+sens)\b|\ba\s+quoi\s+bon\b|\bca\s+sert\s+a\s+quoi\s+de\s+(?:vivre|continuer)\b",
        r"\bje\s+n'en\s+peux\s+plus\b|\bj'en\s+peux\s+plus\b|\bfatigue?e?\s+de\s+(?:vivre|tout|la\s+vie)\b|\b(?:je\s+veux|j'aimerais|je\s+voudrais)\s+disparaitre\b|\bje\s+suis\s+un\s+fardeau\b",
        r"\bpersonne\s+(?:ne\s+)?(?:remarquerait|verrait\s+la\s+difference|me\s+regrettera|me\s+regretterait)\b|\bje\s+pense\s+(?:souvent\s+)?a\s+la\s+mort\b|\bce\s+serait\s+plus\s+simple\s+si\s+je\s+n'etais\s+(?:pas|plus)\s+la\b",
    ],
    "therapeutic": r"\b(?:triste\w*|deprim\w*|depression|angoiss\w*|anxi\w*|je\s+me\s+sens\s+seul[e]?|tout[e]?\s+seul[e]?|solitude|stress\w*|deborde\w*|pleur\w*|panique|peur|inquiet\w*|therapie|therapeute|psy\w*|deuil|rupture|divorce|insomnie|je\s+me\s+sens\s+vide|epuise\w*|estime\s+de\s+soi|je\s+me\s+deteste|culpabil\w*|honte|echec|je\s+me\s+sens\s+(?:mal|perdu[e]?|nul(?:le)?)|je\s+dors\s+plus|je\s+n'arrive\s+pas\s+a\s+dormir|decede\w*|est\s+mort[e]?\s+(?:hier|la\s+semaine)|harcel\w*|jaloux|jalouse|personne\s+ne\s+me\s+comprend|cauchemars?|desespere\w*|sans\s+espoir|me\s+frappait|me\s+battait"
    r"|je\s+ne\s+sais\s+(?:plus|pas)\s+quoi\s+faire|ma\s+vie\s+(?:est|n'a|ne)|m'a\s+(?:trompe\w*|quitte\w*)|tromp\w*|pas\s+d'amis|(?:me\s+)?disput\w*|du\s+mal\s+a|divorc\w*|se\s+separent|separation"
    r"|je\s+me\s+sens\s+(?!bien\b|mieux\b|heureu\w*\b)\w+|je\s+suis\s+(?:mal|au\s+bout|a\s+bout|perdu\w*|nul\w*|depasse\w*|effondre\w*|triste)|personne\s+ne\s+m'aime|je\s+deteste\s+mon\s+corps"
    r"|vomi\w*|crise\s+de\s+boulimie|me\s+fait\s+(?:peur|souffrir)|souffr\w*|me\s+manque|pas\s+le\s+moral|plus\s+le\s+moral|sans\s+motivation|pression)\b",
    "negators": r"\b(?:ne|n'|pas|jamais|plus|aucun[e]?|sans|ni)\b",
    "bridge": "je j' j'ai me m' vais veux voudrais ai pense pensee a de envie intention projets suis rien vraiment du tout",
    "past": r"\b(?:(?:je\s+)?me\s+(?:scarifiais|coupais|faisais\s+du\s+mal|brulais|mutilais)|a\s+\d{1,2}\s+ans|quand\s+j'avais\s+\d+|au\s+college|il\s+y\s+a\s+(?:des\s+annees|\d+\s+ans|longtemps)|quand\s+j'etais|a\s+l'adolescence|au\s+lycee|dans\s+le\s+passe|avant\s+je|l'annee\s+derniere|en\s+(?:19|20)\d\d|j'avais\s+l'habitude|j'ai\s+surmonte|survivant\w*)\b",
    "present": r"\b(?:encore|a\s+nouveau|maintenant|ce\s+soir|aujourd'hui|ces\s+temps-ci|j'ai\s+recommence|rechute)\b",
    "idioms": [
        r"\bsaut\w*\s+(?:du|d'un|depuis\s+le)\s+(?:pont|rocher|ponton|plongeoir|quai)\s+(?:dans|a)\s+(?:la|l'|le)\s*(?:riviere|eau|mer|lac|piscine|fleuve)\b",  # round 9: jumping in for fun
        # Round 9: anyone else "va me tuer" (will be furious), unless the sentence has danger in it.
        r"\b(?:ma|mon|mes|ta|ton|sa|son|notre|nos|le|la|les)\s+(?:[\w'-]+\s+){0,3}(?:va|vont|allait|allaient)\s+(?:\w+\s+)?me\s+tuer\b(?![^.!?]*\b(?:fusil|couteau|arme|flingue|pistolet|a\s+bu|frapp\w*|bourre|saoul|menac\w*|vraiment|pour\s+de\s+vrai|je\s+rigole\s+pas)\b)",
        r"\b(?:film|serie|jeu|video)\b[^.!?]*\b(?:tu(?:e|es|er|ee|ait)|mort[e]?s?)\s+(?:\w+\s+)?de\s+(?:peur|trouille)\b|\b(?:mort[e]?s?|creve\w*)\s+de\s+(?:rire|ennui|chaud|faim|froid|fatigue)\b|\b(?:chaleur|faim|froid|soif|ennui|chiant\w*|nul)\s+a\s+crever\b|\ba\s+crever\s+de\s+(?:rire|chaud|faim|froid)\b",  # round 9
        r"\b(?:batterie|tel|telephone|portable|cell|cellulaire|ordi|ordinateur|voiture|char|imprimante|console)\b[^.!?]{0,30}\b(?:est\s+)?(?:mort|morte|creve\w*|decede)\b",  # round 9: a device "died"
        # Round 9: a farewell before holidays or a move; a boat's deck.
        r"\b(?:dit\s+(?:au\s+revoir|adieu)|fait\s+mes\s+adieux)\b[^.!?]*\b(?:vacances|en\s+voyage|je\s+demenage|erasmus|a\s+(?:lundi|la\s+rentree|bientot))\b",
        r"\bsur\s+le\s+pont\s+(?:du|d'un|de\s+ce)\s+(?:bateau|navire|ferry|voilier|paquebot)\b",
        r"\b(?:je\s+vais\s+(?:le|la|te)\s+tuer|je\s+(?:le|la|te)\s+tue)\b[^.!?]*\bsi\b[^.!?]*\b(?:mdr|ptdr|lol|ha(?:ha)+)\b",  # a joking conditional threat
        r"\b(?:mat\w*|muer\w*|muri\w*|morr\w*|meur\w*|tu(?:e|es|er|ee)|sterb\w*|stirb\w*)\s+(?:\w+\s+)?(?:de|vor)\s+(?:la\s+)?(?:risa|rir|rire|lachen|risada|carcajada\w*)\b",  # laughing, in any of the four
        r"\bmort[e]?\s+de\s+(?:rire|faim|fatigue|froid|honte|peur)\b|\bje\s+meurs\s+(?:de|d'envie)\s+\w+|\bmourir\s+de\s+(?:rire|honte|faim|chaud|froid|ennui|peur|soif)\b|\bmdr\b",
        r"\b(?:ma\s+mere|mon\s+pere|ma\s+mere|mon\s+patron|ma\s+prof|mon\s+prof|mes\s+parents)\s+va\s+me\s+tuer\b(?![^.!?]*\b(?:fusil|couteau|arme|flingue|pistolet|a\s+bu|frapp\w*|bourre|saoul|menac\w*|vraiment|pour\s+de\s+vrai|je\s+rigole\s+pas)\b)|\bva\s+me\s+tuer\s+(?:si|quand)\b(?![^.!?]*\b(?:fusil|couteau|arme|flingue|pistolet|a\s+bu|frapp\w*|bourre|saoul|menac\w*|vraiment|pour\s+de\s+vrai|je\s+rigole\s+pas)\b)|\bca\s+me\s+tue\b|\b(?:ce|cette|le|la|les)\s+\w+\s+(?:me\s+tue|va\s+me\s+tuer)\b",
        r"\btuer\s+le\s+temps\b|\bd'une\s+pierre\s+deux\s+coups\b|\bje\s+suis\s+mort[e]?\s+(?:de\s+\w+|lol|mdr)\b|\b(?:batterie|telephone|portable)\s+(?:est\s+)?mort[e]?\b|\bje\s+me\s+suis\s+coupee?\s+(?:les\s+cheveux|la\s+frange|le\s+doigt)\b",
        r"\b(?:me\s+)?couper\s+(?:les\s+cheveux|la\s+frange|les\s+ongles|la\s+barbe)\b|\bje\s+me\s+coupe\s+(?:les\s+cheveux|la\s+frange|les\s+ongles)\b|\b(?:chaud|froid|faim|soif|sommeil|fatigue)\W+(?:\w+\W+){0,3}je\s+meurs\b|\bje\s+meurs\W+(?:\w+\W+){0,2}(?:de\s+)?(?:chaud|froid|faim|soif)\b|\bdans\s+(?:le|un|la|une)\s+(?:jeu|film|serie|livre|roman)\b|\bprevention\s+du\s+suicide\b|\b(?:expose|livre|documentaire|memoire)\s+sur\s+le\s+suicide\b",
    ],
    "affirm": r"^(?:oui+|ouais|ouaip|mouais|parfois|des\s+fois|peut-etre|peut\s+etre|un\s+peu|je\s+crois|je\s+pense\s+que\s+oui|tout\s+le\s+temps|souvent|oui\s+\w+(?:\s+\w+){0,5}|plus\s+ou\s+moins"
              # round 13: Quebec "mettons que oui" (let's say yes), "disons que oui", with a few words after
              r"|(?:mettons|disons|on\s+va\s+dire)\s+que\s+oui(?:[\s.,!]+\w+(?:\s+\w+){0,5})?)$",
    "deny": r"^(?:non+|pas\s+du\s+tout|jamais|non\s+non|non,?\s+(?:ca\s+va|je\s+vais\s+bien|juste\s+\w+(?:\s+\w+){0,5}|merci)|ca\s+va|je\s+vais\s+bien)$",
    "unsure": r"^(?:je\s+(?:ne\s+)?sais\s+pas|j'sais\s+pas|chais\s+pas|aucune\s+idee|je\s+suis\s+pas\s+sur[e]?)$",
    "retract": r"^(?:je\s+rigole|je\s+plaisante|c'(?:est|etait)\s+(?:une\s+)?blague|c'etait\s+pour\s+rire|oublie(?:z)?|oublie\s+ce\s+que\s+j'ai\s+dit|laisse\s+tomber|rien|c'est\s+rien|pas\s+grave|je\s+disais\s+ca\s+comme\s+ca|mdr\s+(?:non|je\s+rigole))$",
    "starts_no": r"^(?:non|pas\s+vraiment|pas\s+du\s+tout)\b",
    "act": r"\bj'en\s+ai\s+(?:deja\s+)?(?:pris|avale)\s+(?:la\s+moitie|plusieurs|\d+)\b|\bc'est\s+fait\b|\bc'est\s+trop\s+tard\b",
    "time": r"\b(?:ce\s+soir|cette\s+nuit|aujourd'hui|demain|maintenant|tout\s+de\s+suite|bientot|ce\s+week-end|ce\s+weekend|dans\s+(?:une|quelques)\s+heures?|(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|quand\s+tout\s+le\s+monde\s+dormira|a\s+\d+\s*h|(?:en|a\s+la)\s+fin\s+de\s+(?:la\s+)?semaine|la\s+semaine\s+prochaine)\b",
    "now": r"\b(?:maintenant|(?:il|elle)\s+(?:est\s+(?:la|rentre|a\s+la\s+maison|ivre|devant\s+la\s+porte)|rentre|arrive|crie))\b",
    "plan": r"\b(?:j'ai\s+un\s+plan|je\s+sais\s+comment|j'ai\s+decide|tout\s+est\s+(?:prevu|planifie|pret)|j'ai\s+choisi\s+(?:le\s+jour|la\s+date|l'endroit)|j'ai\s+ecrit\s+(?:une\s+)?lettre)\b",
    "means": r"\b(?:cachets|medicaments|comprimes|pilules|corde|arme|pistolet|flingue|couteau|lame|rasoir|pont|toit|rails|poison)\b",
    "person_question": r"\b(?:es-tu|etes-vous|tu\s+es|vous\s+etes)\s+(?:une\s+)?(?:personne|humain[e]?|reel(?:le)?|un\s+robot|un\s+bot|une\s+ia|une\s+machine)\b|\bje\s+parle\s+(?:a|avec)\s+(?:une\s+)?(?:personne|humain|robot|bot|machine|ia)\b",
    "ask_suicide": r"(?:pensees\s+suicidaires|idees\s+(?:suicidaires|noires|de\s+suicide)|mettre\s+fin\s+a\s+(?:vos|tes)\s+jours|penses?-tu\s+au\s+suicide|pensez-vous\s+au\s+suicide|envie\s+de\s+mourir|vous\s+faire\s+du\s+mal|te\s+faire\s+du\s+mal)",
    "ask_safety": r"(?:(?:etes-vous|es-tu|vous\s+etes|tu\s+es)\s+en\s+(?:securite|danger))",
    "ask_plan": r"(?:(?:avez-vous|as-tu)\s+(?:un\s+plan|pense\s+a\s+comment|acces))",
}
