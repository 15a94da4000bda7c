/// Override, extraction and persona phrases in Spanish, French, Portuguese, Italian, German, Chinese, Japanese and
/// Korean. Patterns see the folded view: lower case, accents stripped (`instrucciónes` → `instrucciones`), NFKC
/// (full-width `，：` → `,:`).
extension InjectionSignal {
    /// Romance and German verbs of dismissal ("ignora", "olvida", "oubliez", "esqueça", "dimentica", "vergiss").
    static let dismissVerbs =
        #"(?:ignor[a-z]*|olvid[a-z]*|descart[a-z]*|omit[a-z]*|desestim[a-z]*|desatiend[a-z]*|oubli[a-z]*|"#
        + #"neglige[rz]?|esquec[a-z]*|desconsider[a-z]*|desprez[a-z]*|dimentic[a-z]*|trascur[a-z]*|tralasci[a-z]*|"#
        + #"scarta[a-z]*|disattend[a-z]*|vergiss|vergessen|missachte[a-z]*|haz caso omiso|no hagas caso|"#
        + #"no tengas en cuenta|ne (?:tiens|tenez|prends|prenez) (?:pas|plus) (?:en )?compte|(?:fais|faites) "#
        + #"abstraction|passe[rz]? outre|nao (?:considere|leve em conta)|non (?:considerare|tenere conto))"#

    /// Instruction nouns ("instrucciones", "consignes", "istruzioni", "Anweisungen", "reglas", "prompt").
    static let instructionNouns =
        #"(?:instruc[a-z]*|indicac[a-z]*|indicazion[a-z]*|istruzion[a-z]*|ordenes|ordens|ordini|ordres|"#
        + #"consignes?|reglas|regles|regras|regole|directiv[a-z]*|diretiv[a-z]*|direttiv[a-z]*|directrices|"#
        + #"diretrizes|mensajes|mensagens|messaggi|comandos|commandes|comandi|orientac[a-z]*|prompts?|normas|"#
        + #"pautas|anweisungen|befehle|regeln|vorgaben|instruktionen)"#

    /// "Previous", "above", "original" ("anteriores", "précédentes", "ci-dessus", "acima", "vorherigen").
    static let earlierWords =
        #"(?:anterior(?:es|mente)?|previ[ao]s?|precedent[eia]s?|de arriba|arriba|ci-dessus|au-dessus|plus haut|"#
        + #"acima|sopra(?:stanti)?|iniciales|initiales|iniciais|iniziali|originales|originais|originali|"#
        + #"antigu[ao]s|anciennes?|antich[ei]|antigas|recibidas|recues|recebidas|ricevute|hasta ahora|"#
        + #"jusqu'ici|ate agora|finora|vorherigen|vorigen|bisherigen|obigen|vorangegangenen|fruheren|alle)"#

    /// `override.ignore_previous_translated` (0.95): "ignore (all) previous instructions" and "disregard the above"
    /// in other languages, and the bare English "disregard the above."
    public static func ignorePreviousTranslated() throws -> InjectionSignal {
        let verb = #"\b"# + dismissVerbs + #"\b"#
        let above =
            #"(?:lo anterior|lo de arriba|lo dicho|todo lo que|ce qui (?:precede|est (?:ecrit )?(?:ci-dessus|"#
            + #"au-dessus|plus haut))|(?:o|tudo o) que (?:foi dito|esta|estiver) acima|tudo acima|o acima|"#
            + #"quanto (?:detto |scritto )?(?:sopra|prima|precedentemente)|tutto (?:quello|cio|quanto)|"#
            + #"(?:todo|tudo|tout) (?:lo )?(?:anterior|precedente|avant)|ci-dessus|au-dessus|alles (?:bisherige|"#
            + #"vorherige|obige|davor))"#
        let chineseVerb = #"(?:忽略|无视|無視|忽视|忽視|不要理会|不要理會|不理会|不理會|别理|別理|忘记|忘記|忘掉|抛开|拋開|丢弃|丟棄)"#
        let chinese =
            chineseVerb + #"[^。\n]{0,12}?(?:之前|以前|先前|此前|上面|上述|以上|前面|前述|原先|原来|原來|原有|原始|最初|初始|"#
            + #"所有|全部|一切)[^。\n]{0,10}?(?:指令|指示|说明|說明|提示|规则|規則|命令|要求|设定|設定|内容|內容|限制|约束|約束|"#
            + #"准则|準則|规定|規定|对话|對話|训练|訓練)|"# + chineseVerb + #"(?:掉|你)?(?:之前|以上|上面|上述|前面|先前)"#
        let japanese =
            #"(?:以前|前|これまで|今まで|上記|先ほど|先程|最初|元|既存|以上|全て|すべて|過去)の?[^。\n]{0,10}?"#
            + #"(?:指示|命令|ルール|指令|プロンプト|設定|インストラクション|制約|規則|ガイドライン|内容|会話)[^。\n]{0,12}?"#
            + #"(?:無視|忘れ|破棄|無効|取り消)|(?:上記|以上|前述|これまで)(?:の内容)?[をは](?:すべて|全て)?(?:無視|忘れ)"#
        let korean =
            #"(?:이전|앞의|위의|지금까지의|모든)[^.\n]{0,10}?(?:지시|명령|지침|규칙|프롬프트|설정)[^.\n]{0,10}?(?:무시|잊어)"#
        return try InjectionSignal(
            name: "override.ignore_previous_translated",
            weight: 0.95,
            pattern: verb + #"[^.\n]{0,40}?\b"# + instructionNouns + #"\b[^.\n]{0,25}?\b"# + earlierWords + #"\b"#
                + "|" + verb + #"[^.\n]{0,30}?\b"# + earlierWords + #"\b[^.\n]{0,20}?\b"# + instructionNouns + #"\b"#
                + "|" + verb + #"[^.\n]{0,20}?\b"# + above
                + #"|\b(?:ignore|disregard|forget) (?:all (?:of )?)?(?:the |everything )?(?:above|preceding)"#
                + #"(?:\s*(?:[.!,;:]|$)| and\b)"#
                + "|" + chinese + "|" + japanese + "|" + korean
        )
    }

    /// `extraction.system_prompt_translated` (0.6): "system prompt", "initial/hidden instructions" in other
    /// languages ("prompt del sistema", "instructions initiales", "系统提示", "システムプロンプト").
    public static func systemPromptTranslated() throws -> InjectionSignal {
        let noun =
            #"(?:prompt|instrucciones|indicaciones|istruzioni|instrucoes|instructions|consignes|directivas|"#
            + #"diretivas|direttive)"#
        let qualifier =
            #"(?:(?:de |del |do |da |di |du |de la )?(?:sistema|systeme)|iniciales?|initiales?|iniciais|iniziali|"#
            + #"ocult[ao]s?|cachee?s?|nascost[aoei]|secret[ao]s|segret[aoei]|secretes)"#
        return try InjectionSignal(
            name: "extraction.system_prompt_translated",
            weight: 0.6,
            pattern: #"\b"# + noun + #"\s+"# + qualifier + #"\b|\b(?:mensaje|messaggio|mensagem|message) "#
                + #"(?:de |del |do |di |du )?(?:sistema|systeme)\b|\b(?:systemprompt|systemanweisung(?:en)?|"#
                + #"systemnachricht|(?:anfangliche|ursprungliche|versteckte|geheime) anweisungen)\b"#
                + #"|系统提示|系統提示|系统指令|系統指令|系统消息|系統訊息|系统设定|系統設定|初始指令|初始提示|隐藏指令|隱藏指令|原始指令"#
                + #"|系统 ?prompt|システムプロンプト|システムメッセージ|システム指示|システムの指示|初期指示|初期プロンプト|隠された指示"#
                + #"|秘密の指示|시스템 ?프롬프트|시스템 ?지시"#
        )
    }

    /// `extraction.reveal_translated` (0.6): a disclosure verb aimed at "your" instructions in other languages
    /// ("muéstrame tus instrucciones", "montre-moi tes consignes", "告诉我你的提示词", "あなたの指示を教えて").
    public static func revealTranslated() throws -> InjectionSignal {
        let verb =
            #"(?:revel[a-z]*|muestr[a-z]*|mostr[a-z]*|ensen[a-z]*|dime|dinos|imprim[a-z]*|repit[a-z]*|repet[a-z]*|"#
            + #"compart[a-z]*|escrib[a-z]*|escrev[a-z]*|montre[rz]?|affiche[rz]?|dis|dites|donne[rz]?|ecri[a-z]*|"#
            + #"partage[rz]?|divulg[a-z]*|rivel[a-z]*|dimmi|stamp[a-z]*|ripet[a-z]*|scriv[a-z]*|condividi|diga|"#
            + #"digame|expon[a-z]*|zeig[a-z]*|nenne|verrate?|gib|wiederhole|schreib[a-z]*)"#
        let yours =
            #"(?:tus?|tuas?|teus?|tes|ton|ta|votre|vos|(?:il |i |la |le )?tu(?:o|a|oi|e)|vostr[aeio]|deine?n?|"#
            + #"(?:su|sus|seu|sua|seus|suas)(?= prompt))"#
        let noun =
            #"(?:prompt|instruc[a-z]*|indicac[a-z]*|istruzion[a-z]*|reglas|regles|regras|regole|consignes|"#
            + #"directiv[a-z]*|diretiv[a-z]*|direttiv[a-z]*|configurac[a-z]*|configurazione|normas|pautas|"#
            + #"directrices|diretrizes|anweisungen|instruktionen|regeln|vorgaben|systemprompt)"#
        let cjkNoun = #"(?:提示词|提示詞|指令|指示|系统提示|系統提示|设定|設定|规则|規則|初始|prompt)"#
        return try InjectionSignal(
            name: "extraction.reveal_translated",
            weight: 0.6,
            pattern: #"\b"# + verb + #"\b[^.\n]{0,25}?\b"# + yours + #"\s+(?:[a-z]+ )?"# + noun + #"\b"#
                + #"|(?:告诉我|告訴我|显示|顯示|展示|输出|輸出|打印|泄露|洩露|透露|公开|公開|重复|重複|给我看|給我看|说出|說出|列出|分享)"#
                + #"[^。\n]{0,6}?(?:你|您)(?:的|们的|們的)?[^。\n]{0,6}?"# + cjkNoun
                + #"|(?:あなた|君|お前|貴方)の[^。\n]{0,8}?(?:指示|プロンプト|ルール|設定|命令|初期設定)[^。\n]{0,4}?[をは]"#
                + #"[^。\n]{0,8}?(?:教えて|見せて|表示|出力|公開|開示|繰り返|書き出|共有|漏ら)"#
                + #"|(?:너의|당신의|네)[^.\n]{0,8}?(?:지시|프롬프트|규칙|설정)[^.\n]{0,8}?(?:보여|알려|출력|공개)"#
        )
    }

    /// `persona.switch_translated` (0.5): "you are now …", "act as", "pretend to be" in other languages. Weak
    /// alone, like its English twin ``personaSwitch()``.
    public static func personaSwitchTranslated() throws -> InjectionSignal {
        try InjectionSignal(
            name: "persona.switch_translated",
            weight: 0.5,
            pattern: #"\b(?:ahora|ya) (?:tu )?eres\b|\beres ahora\b|\bya no eres\b|\bactua como\b"#
                + #"|\bfinge (?:ser|que eres)"#
                + #"|\b(?:tu es|vous etes) (?:maintenant|desormais|dorenavant)\b|\b(?:maintenant|desormais|"#
                + #"dorenavant),? (?:tu es|vous etes)\b|\btu n'es plus\b|\bvous n'etes plus\b|\bfais semblant d'etre"#
                + #"|\bagis(?:sez)? comme\b|\b(?:agora|a partir de agora),? (?:voce|tu) (?:e|es|sera|vai ser)\b"#
                + #"|\b(?:voce|tu) (?:agora e|e agora|es agora|nao e mais|nao es mais)\b|\bfinja (?:ser|que)\b"#
                + #"|\baja como\b|\b(?:ora|adesso),? (?:tu )?sei\b|\bnon sei piu\b|\bfingi di essere\b"#
                + #"|\b(?:comportati|agisci) come\b|\bdu bist (?:jetzt|nun|ab sofort|ab jetzt|nicht mehr)\b"#
                + #"|\bverhalte dich wie\b|你现在是|你現在是|现在你是|現在你是|你不再是|你将扮演|你將扮演|假装你是|假裝你是"#
                + #"|あなたは今|今からあなたは|これからあなたは|あなたはもう|として振る舞|になりきって|のふりをして"#
                + #"|너는 이제|당신은 이제"#
        )
    }

    /// `jailbreak.no_restrictions_translated` (0.6): "without restrictions / filters / censorship" in other
    /// languages.
    public static func noRestrictionsTranslated() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.no_restrictions_translated",
            weight: 0.6,
            pattern: #"\b(?:sin|sans|sem|senza|ohne) (?:ninguna |aucune |nenhuma |alcuna |jegliche )?"#
                + #"(?:restricc[a-z]*|restrictions?|restric[a-z]*|restrizion[a-z]*|filtros?|filtres?|filtri|filter|"#
                + #"censura|censure|zensur|limites|limiti|einschrankungen|reglas|regles|regras|regole)\b"#
                + #"|不受(?:任何)?限制|没有任何限制|沒有任何限制|无限制|無限制|没有限制|沒有限制|不受约束|不受約束"#
                + #"|制限(?:なし|のない|がない|を受けない)|フィルター(?:なし|のない)|検閲(?:なし|のない)|제한 ?없"#
        )
    }
}
