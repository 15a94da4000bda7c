/// Signals for instructions that replace the assistant's own: a new identity, a "new instructions:" header, a claim
/// that earlier guidance was revoked, a request to switch safety off.
extension InjectionSignal {
    /// `override.identity_reassignment` (0.65): gives the assistant a new identity for the rest of the conversation
    /// — "from now on you are …", "you are no longer an AI …", "a partir de ahora eres …", "从现在开始你是 …".
    /// Style requests ("from now on, answer in French") do not fire: the verb must be one of being or acting.
    public static func identityReassignment() throws -> InjectionSignal {
        try InjectionSignal(
            name: "override.identity_reassignment",
            weight: 0.65,
            pattern: #"\bfrom (?:now on|this (?:point|moment)(?: on| onwards?| forward)?|here on),? "#
                + #"you(?:'re| are| will be| shall be| become| will become| will act as| act as| will play| "#
                + #"will now be)\b"#
                + #"|\byou(?: are|'re) no longer (?:an? |the |just |simply |merely )?(?:ai|assistant|chatbot|bot|"#
                + #"language model|llm|chat ?gpt|claude|gpt|helpful|harmless|restricted|limited|constrained|"#
                + #"censored|filtered|required to (?:follow|obey|comply)|subject to|governed by)\b"#
                + #"|\byou(?: are|'re) no longer [^.\n]{1,40}?[.,;:!] ?(?:you(?:'re| are| will be)|instead|now you)\b"#
                + #"|\b(?:a partir de ahora|desde ahora|de ahora en adelante),? (?:tu )?(?:eres|seras|actuaras)\b"#
                + #"|\b(?:desormais|dorenavant|a partir de maintenant),? (?:tu es|tu seras|vous etes|vous serez)\b"#
                + #"|\b(?:a partir de agora|de agora em diante),? (?:voce|tu) (?:e|es|sera|vai ser)\b"#
                + #"|\b(?:d'ora in poi|da ora in poi|da adesso in poi|da questo momento),? (?:tu )?(?:sei|sarai)\b"#
                + #"|\bab (?:jetzt|sofort) bist du\b|\bdu bist ab (?:jetzt|sofort)\b"#
                + #"|(?:从现在开始|從現在開始|从现在起|從現在起)[,、 ]?你|(?:今から|これから)[、,]?あなたは|이제부터 (?:너는|당신은)"#
        )
    }

    /// `override.new_instructions` (0.5): a header that announces replacement instructions — "New instructions:",
    /// "[UPDATED RULES]:", "nuevas instrucciones:", "新的指令：". Weak alone; it blocks together with the identity
    /// or override that usually follows.
    public static func newInstructionsHeader() throws -> InjectionSignal {
        try InjectionSignal(
            name: "override.new_instructions",
            weight: 0.5,
            pattern: #"(?:^|[.!?:;]\s*)[\s>*#\[(-]*(?:new|updated|revised|real|actual|true|override|secret|hidden|"#
                + #"admin|developer|system) (?:instructions?|rules|directives?|orders|commands?|prompt|system prompt|"#
                + #"guidelines|task)\s*[\])]?\s*[:-]|\b(?:nuevas instrucciones|nouvelles (?:instructions|consignes)|"#
                + #"novas instrucoes|nuove istruzioni|neue anweisungen)\s*:|(?:新的指令|新指令|新的指示|新しい指示)\s*:"#
        )
    }

    /// `override.revoked_instructions` (0.85): says the assistant's earlier guidance no longer holds — "pretend the
    /// earlier guidance was withdrawn", "your previous instructions are void", "cancel all prior directives",
    /// "las instrucciones anteriores ya no son válidas". Contract language about prior agreements, orders or the
    /// foregoing restrictions does not fire: the subject must be guidance given to the assistant.
    public static func revokedInstructions() throws -> InjectionSignal {
        let guidance =
            #"(?:(?:earlier|previous|prior|preceding|above|original|initial|old|former|existing|first|system|"#
            + #"developer|your|all|any|those|these) (?:[a-z]+ )?(?:guidance|instructions?|directions|directives?|"#
            + #"guidelines|rules|prompt|programming)|(?:your|system|safety|developer) (?:[a-z]+ )?(?:restrictions|"#
            + #"constraints|safeguards|filters|policies|limitations))"#
        let revoked =
            #"(?:withdrawn|cancell?ed|revoked|rescinded|retracted|void(?:ed)?|null(?:ified)?|invalid(?:ated)?|"#
            + #"obsolete|expired|deprecated|superseded|overridden|overruled|lifted|suspended|deleted|removed|"#
            + #"disabled|deactivated|waived|repealed|annulled|abolished|no longer (?:valid|applicable|apply|applies|"#
            + #"in (?:effect|force)|active|binding|relevant|exists?|matters?|count)|not (?:valid|binding|real|in "#
            + #"effect)|(?:does|do)(?: not|n't) (?:apply|exist|count|matter)|never existed|a (?:mistake|test|joke)|"#
            + #"out of date|outdated)"#
        let revoke =
            #"(?:revoke|cancel|withdraw|rescind|retract|nullify|invalidate|annul|repeal|scrap|erase|wipe|"#
            + #"supersede|overrule|void)"#
        return try InjectionSignal(
            name: "override.revoked_instructions",
            weight: 0.85,
            pattern: #"\b"# + guidance + #"\b[^.\n]{0,30}?\b"# + revoked + #"\b"# + #"|\b"# + revoke
                + #"\b[^.\n]{0,15}?\b(?:all |the |your |any )?(?:earlier|previous|prior|preceding|above|original|"#
                + #"initial|old|former|existing|system) (?:[a-z]+ )?(?:guidance|instructions|directives|guidelines|"#
                + #"prompt|programming|rules)\b|\b"# + InjectionSignal.instructionNouns + #" "#
                + InjectionSignal.earlierWords + #"\b[^.\n]{0,20}?\b(?:ya no (?:son|es|estan) valid|"#
                + #"(?:han|ha) sido (?:revocad|cancelad|anulad|retirad)|(?:sont|ont ete) (?:annule|revoque|retire)|"#
                + #"ne sont plus (?:valables|valides)|foram (?:revogad|cancelad|anulad)|nao (?:sao|valem) mais|"#
                + #"sono (?:state )?(?:revocat|annullat|cancellat)|non (?:sono|valgono) piu|sind (?:ungultig|"#
                + #"aufgehoben|widerrufen))"#
        )
    }

    /// `override.safety_off` (0.5): asks for safety measures to be switched off — "override safety", "disable
    /// your content filter", "turn off the guardrails". Weak alone (a hardware manual may say "override the safety
    /// interlock"); it blocks together with a fake role marker or a persona switch.
    public static func safetyOff() throws -> InjectionSignal {
        try InjectionSignal(
            name: "override.safety_off",
            weight: 0.5,
            pattern: #"\b(?:override|overriding|disable|disabling|deactivate|turn off|switch off|bypass|suspend|"#
                + #"lift|drop)\b[^.\n]{0,25}?\b(?:safety|safeguards?|guardrails?|content (?:filters?|polic(?:y|ies)|"#
                + #"moderation)|moderation|alignment|ethical (?:guidelines|constraints|filters))\b"#
        )
    }
}
