extension InjectionSignal {
    /// `override.ignore_previous` (0.95): a verb of dismissal aimed at earlier instructions — "ignore all previous
    /// instructions", "disregard the above rules", "forget your prior programming". The object must be an
    /// instruction-like noun, so "the parties shall ignore any prior agreements" does not fire.
    public static func ignorePrevious() throws -> InjectionSignal {
        try InjectionSignal(
            name: "override.ignore_previous",
            weight: 0.95,
            pattern: #"\b(?:ignore|disregard|forget|override|bypass|skip|discard|abandon|neglect)\b[^.\n]{0,25}?"#
                + #"\b(?:previous|prior|preceding|above|earlier|former|initial|original|old|past|foregoing|all)\b"#
                + #"[^.\n]{0,20}?\b(?:instructions?|directions?|directives?|prompts?|rules|guidelines|context|"#
                + #"inputs?|messages|commands|programming|conversation|training|constraints)\b"#
        )
    }

    /// `override.forget_everything` (0.85): "forget everything you were told before", "ignore all that you know".
    public static func forgetEverything() throws -> InjectionSignal {
        try InjectionSignal(
            name: "override.forget_everything",
            weight: 0.85,
            pattern: #"\b(?:forget|ignore|disregard)\b (?:about )?(?:everything|all(?: of)? that|all you|what you)\b"#
                + #"[^.\n]{0,30}?\b(?:before|previous|told|learn|know|said|were)"#
        )
    }

    /// `override.new_rules` (0.5): announces replacement instructions — "your new instructions are", "these rules
    /// override". Weak alone: a task description may legitimately say "the new rules are".
    public static func newRules() throws -> InjectionSignal {
        try InjectionSignal(
            name: "override.new_rules",
            weight: 0.5,
            pattern: #"\b(?:your|the) new (?:instructions|rules|task|role|directive|guidelines|persona) (?:is|are)\b"#
                + #"|\bnew set of rules\b|\bthese (?:new )?rules (?:override|replace|supersede)"#
        )
    }

    /// `obfuscation.compact_override` (0.9): an override or jailbreak phrase that only appears once every space and
    /// punctuation mark is removed (`i.g.n.o.r.e  a-l-l  p r e v i o u s …`): spacing used to dodge filters.
    public static func compactOverride() throws -> InjectionSignal {
        let pattern = try Pattern(
            #"(?:ignore|disregard|forget)(?:all|any)?(?:the|your|my)?(?:previous|prior|above|earlier)"#
                + #"(?:instructions?|rules|prompts?|directions?)|doanythingnow|developermodeenabled|"#
                + #"(?:reveal|print|show|repeat)(?:me)?(?:your|the)(?:system|initial|hidden)(?:prompt|instructions)"#
        )
        return InjectionSignal(name: "obfuscation.compact_override", weight: 0.9, matcher: .compact(pattern))
    }

    /// `obfuscation.disguised_text` (0.3): zero-width characters or words that mix Latin with Cyrillic or Greek
    /// letters. Ordinary prose rarely does either; both are used to slip phrases past keyword filters.
    public static func disguisedText() -> InjectionSignal {
        InjectionSignal(
            name: "obfuscation.disguised_text",
            weight: 0.3,
            matcher: .structural { $0.hadInvisibleCharacters || $0.hadMixedScriptWord }
        )
    }
}
