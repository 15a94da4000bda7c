extension InjectionSignal {
    /// `persona.switch` (0.5): re-casts the assistant — "you are now", "from now on", "act as", "pretend to be",
    /// "immerse yourself in the role of", "roleplay", "simulate a …". Alone it stays below the default threshold:
    /// ordinary requests ("act as a proof-reader") also use it.
    public static func personaSwitch() throws -> InjectionSignal {
        try InjectionSignal(
            name: "persona.switch",
            weight: 0.5,
            pattern: #"\b(?:you are|you're|you will be) (?:now|going to|about to|no longer)\b|\bfrom now on\b"#
                + #"|\bfrom on now\b|\b(?:act|behave|respond|answer|reply) (?:as|like) (?:a |an |the )?[a-z"']"#
                + #"|\bpretend (?:to be|you are|that you)\b|\bimmerse yourself\b|\b(?:in|into|take on) the "#
                + #"(?:role|persona) of\b|\brole-?play\b|\bsimulat(?:e|ion|ing) (?:a |an )?[a-z]"#
        )
    }

    /// `persona.stay_in_character` (0.6): asks the persona to persist — "stay in character", "never break
    /// character".
    public static func stayInCharacter() throws -> InjectionSignal {
        try InjectionSignal(
            name: "persona.stay_in_character",
            weight: 0.6,
            pattern: #"\b(?:stay|remain|keep|staying)(?: in| in the)? character\b|\bbreak(?:ing)? (?:of )?character\b"#
                + #"|\bout of character\b|\bin character at all times\b"#
        )
    }

    /// `persona.not_the_assistant` (0.6): denies the assistant's own identity — "do not respond as ChatGPT",
    /// "you are no longer an AI".
    public static func notTheAssistant() throws -> InjectionSignal {
        try InjectionSignal(
            name: "persona.not_the_assistant",
            weight: 0.6,
            pattern: #"\b(?:not|never|no longer) (?:respond|answer|reply|act|behave|speak|talk) (?:as|like) "#
                + #"(?:chat ?gpt|gpt|an ai|a language model|an assistant|yourself)\b|\b(?:you are|you're) "#
                + #"(?:not|no longer) (?:chat ?gpt|an ai|a language model|an assistant|bound)\b"#
                + #"|\bdo not pretend to be an? (?:ai|large language model|language model|assistant)\b"#
        )
    }

    /// `persona.named` (0.35): introduces a named alter ego — "a chatbot named …", "which stands for …", "take on
    /// the … persona".
    public static func namedPersona() throws -> InjectionSignal {
        try InjectionSignal(
            name: "persona.named",
            weight: 0.35,
            pattern: #"\b(?:ai|chatbot|bot|model|assistant|persona|character|personality|entity|version of "#
                + #"(?:yourself|chat ?gpt))\b[^.\n]{0,20}\b(?:named|called|known as|dubbed)\b|\bstands for\b"#
                + #"|\b(?:take on|adopt|assume) (?:the |a |an )?[a-z ]{0,20}\b(?:persona|personality|identity)\b"#
        )
    }

    /// `persona.config_assignment` (0.5): pseudo-configuration that rebinds roles — `User = [Admin]`,
    /// `Assistant = [NAME]`.
    public static func configAssignment() throws -> InjectionSignal {
        try InjectionSignal(
            name: "persona.config_assignment",
            weight: 0.5,
            pattern: #"(?:user|assistant|personality|system|role|persona|awareness|mode)\s*(?:class\s*)?\)?\s*=\s*\["#
        )
    }

    /// `persona.ai_reference` (0.25): talks about the model itself — "ChatGPT", "OpenAI", "language model".
    /// Weak: only adds to other evidence.
    public static func aiReference() throws -> InjectionSignal {
        try InjectionSignal(
            name: "persona.ai_reference",
            weight: 0.25,
            pattern: #"\bchat ?gpt\b|\bopenai\b|\bgpt-?\d|\b(?:ai|language) model\b|\bllm\b|\bbard\b|\bclaude\b"#
        )
    }

    /// `persona.fiction_frame` (0.25): wraps the request in fiction — "hypothetically", "fictional world",
    /// "game", "experiment". Weak: only adds to other evidence.
    public static func fictionFrame() throws -> InjectionSignal {
        try InjectionSignal(
            name: "persona.fiction_frame",
            weight: 0.25,
            pattern: #"\bhypothetical(?:ly)?\b|\bfictional\b|\bimaginary\b|\b(?:alternate|alternative|parallel) "#
                + #"(?:universe|reality|world|dimension)\b"#
                + #"|\bgame\b|\bexperiment\b"#
        )
    }

    /// `persona.directive_density` (0.45): at least four distinct second-person commands ("you will …",
    /// "you must never …") — a rulebook for the assistant's behaviour rather than a task.
    public static func directiveDensity() throws -> InjectionSignal {
        let directive = try Pattern(
            #"\byou (?:will|must|shall|should|are going to|have to|need to|can't|cannot|won't|will never|"#
                + #"must never|must always|will always)\b[ a-z']{0,12}"#
        )
        return InjectionSignal(
            name: "persona.directive_density",
            weight: 0.45,
            matcher: .structural { directive.distinctMatches(in: $0.folded).count >= 4 }
        )
    }
}
