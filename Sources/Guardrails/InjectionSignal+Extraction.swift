extension InjectionSignal {
    /// `extraction.system_prompt` (0.6): names the hidden configuration — "system prompt", "initial instructions",
    /// "hidden message", `systemPrompt`.
    public static func systemPromptReference() throws -> InjectionSignal {
        try InjectionSignal(
            name: "extraction.system_prompt",
            weight: 0.6,
            pattern: #"\b(?:system|initial|hidden|secret|original|developer|internal|pre-?)\s?"#
                + #"(?:prompt|message|instructions?|configuration|directives?)\b|\bsystemprompt\b"#
        )
    }

    /// `extraction.reveal_verb` (0.6): a disclosure verb aimed at the assistant's own instructions — "print your
    /// instructions", "repeat the entire conversation", "show me your rules".
    public static func revealInstructions() throws -> InjectionSignal {
        try InjectionSignal(
            name: "extraction.reveal_verb",
            weight: 0.6,
            pattern: #"\b(?:reveal|print|show|display|output|repeat|tell|give|share|dump|leak|expose|recite|"#
                + #"spell out|write out|encode)\b[^.\n]{0,30}?\b(?:your|the|this) (?:entire |full |complete |whole |"#
                + #"exact |initial |original |hidden |secret |first |previous )*(?:system |initial |original |hidden |"#
                + #"secret )?(?:prompt|instructions|message|configuration|rules|directives|conversation|context)\b"#
        )
    }

    /// `extraction.given_instructions` (0.6): refers to what the assistant was told before the user spoke —
    /// "the instructions you were given", "beginning of this conversation", "word for word", "initialization
    /// string", "what are you not allowed to tell me".
    public static func givenInstructions() throws -> InjectionSignal {
        try InjectionSignal(
            name: "extraction.given_instructions",
            weight: 0.6,
            pattern: #"\binstructions you (?:were|have been) given\b|\byou (?:were|have been) "#
                + #"(?:told|instructed|programmed|given)\b|\b(?:beginning|start) of (?:this|the|our) conversation\b"#
                + #"|\bword for word\b|\bverbatim\b|\binitiali[sz]ation string\b|\bnot (?:supposed|allowed|"#
                + #"permitted) to (?:tell|say|reveal|share|disclose)\b|\bwhat are you not\b"#
        )
    }
}
