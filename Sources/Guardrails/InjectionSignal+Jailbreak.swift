extension InjectionSignal {
    /// `jailbreak.dan` (0.9): the "Do Anything Now" family of jailbreaks and its variants ("DAN mode", "DUDE can do
    /// anything").
    public static func doAnythingNow() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.dan",
            weight: 0.9,
            pattern: #"\bdo anything now\b|\bd\.a\.n\b|\bdan mode\b|\bdude\b[^.\n]{0,40}\banything\b"#
        )
    }

    /// `jailbreak.special_mode` (0.8): a privileged mode that does not exist — "developer mode", "god mode",
    /// "debug mode", "unrestricted mode".
    public static func specialMode() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.special_mode",
            weight: 0.8,
            pattern: #"\b(?:developer|dev|debug|god|admin|sudo|maintenance|unrestricted|evil|opposite|uncensored) "#
                + #"mode\b"#
        )
    }

    /// `jailbreak.mode_switch` (0.6): switching any named mode on — "BABY mode enabled", "enable … benchmarking
    /// mode".
    public static func modeSwitch() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.mode_switch",
            weight: 0.6,
            pattern: #"\b[a-z]+ mode (?:is )?(?:enabled|activated|on|engaged|unlocked)\b|\b(?:enable|activate|enter|"#
                + #"unlock|switch to|simulate)\b[^.\n]{0,40}\bmode\b"#
        )
    }

    /// `jailbreak.word` (0.8): the word "jailbreak"/"jailbroken" itself.
    public static func jailbreakWord() throws -> InjectionSignal {
        try InjectionSignal(name: "jailbreak.word", weight: 0.8, pattern: #"\bjail[ -]?br[eo]ak"#)
    }

    /// `jailbreak.no_restrictions` (0.6): claims the assistant has no limits — "no restrictions", "without any
    /// filters", "free of all moral guidelines", "does not have any ethical guidelines". "Any limits" and "without
    /// limitation" (contract boilerplate) do not fire.
    public static func noRestrictions() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.no_restrictions",
            weight: 0.6,
            pattern: #"\b(?:no|without(?: any)?|freed? (?:of|from)(?: all| any)?|not bound by(?: any)?|zero|"#
                + #"lacks? (?:any)?|(?:doesn't|does not|don't|do not|won't|will not|never) have(?: any)?)\s+"#
                + #"(?:(?:ethical|moral|content|safety|programming|openai)\s+)?(?:restrictions|"#
                + #"filters?|filtering|censorship|guidelines|boundaries|constraints|morals|ethics|limits|rules|"#
                + #"principles|scruples|safeguards|(?:content|usage|openai|safety) polic(?:y|ies))\b"#
        )
    }

    /// `jailbreak.amoral` (0.45): persona adjectives of an unaligned assistant — "amoral", "unfiltered",
    /// "uncensored", "unethical", "nonmoral", "NSFW".
    public static func amoralPersona() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.amoral",
            weight: 0.45,
            pattern: #"\b(?:amoral|non-?moral|unfiltered|uncensored|unrestricted|unethical|immoral|unbound|"#
                + #"unhinged|nsfw|lawless)\b"#
        )
    }

    /// `jailbreak.policy_evasion` (0.6): breaking free of rules — "does not follow OpenAI's policies", "broken free
    /// of the typical confines", "bypass the filters".
    public static func policyEvasion() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.policy_evasion",
            weight: 0.6,
            pattern: #"\b(?:break|breaks|ignore|ignores|bypass|circumvent|evade|not (?:follow|abide|adhere|comply|"#
                + #"obey)|doesn't (?:follow|abide|care)|don't (?:follow|abide|care)|free from|rid of|broken free)\b"#
                + #"[^.\n]{0,60}\b(?:polic(?:y|ies)|guidelines|rules|filters?|restrictions|confines|programming|"#
                + #"ethics|morals)\b"#
        )
    }

    /// `jailbreak.never_refuse` (0.5): forbids refusals and warnings — "never refuse", "do not apologise",
    /// "no matter how unethical", "without any disclaimers", "without refusal", "omit any warnings".
    public static func neverRefuse() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.never_refuse",
            weight: 0.5,
            pattern: #"\b(?:never|not|don't|do not|won't|will not|cannot|can't|must not|shouldn't)\s+(?:ever\s+)?"#
                + #"(?:refuse|decline|reject|deny|say no|apologi[sz]e|warn|censor|filter|hesitate|question)\b"#
                + #"|\bno matter how (?:immoral|unethical|illegal|dangerous|offensive|harmful|inappropriate|explicit)"#
                + #"|\bwithout (?:any )?(?:hesitation|question(?:ing)?|warnings?|disclaimers?|censorship|"#
                + #"refus(?:al|als|ing)|caveats|moraliz(?:ing|ation)|lectur(?:ing|es))\b|\b(?:exclude|omit|skip|"#
                + #"leave out|drop) (?:any |all )?(?:disclaimers|warnings|caveats|moral(?:izing|ising)?)\b"#
        )
    }

    /// `jailbreak.refusal_suppression` (0.4): quotes the refusal phrases it wants suppressed — "I'm sorry",
    /// "as an AI language model".
    public static func refusalSuppression() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.refusal_suppression",
            weight: 0.4,
            pattern: #"i'?m sorry|i apologi[sz]e|as an ai(?: language model)?|i cannot (?:help|assist|comply)"#
                + #"|i can't (?:help|assist)"#
        )
    }

    /// `jailbreak.dual_response` (0.45): asks for paired "normal" and "jailbroken" answers — "[🔓JAILBREAK]",
    /// "two different responses", "a normal response and an unfiltered one", "answer as both".
    public static func dualResponse() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.dual_response",
            weight: 0.45,
            pattern: #"\[(?:🔓|🔒|jailbreak|classic|gpt|dan|normal|developer)[^\]]{0,20}\]|\btwo (?:different |"#
                + #"separate |distinct )?(?:responses|ways|paragraphs|answers)\b|\b(?:normal|classic|standard|"#
                + #"regular|filtered|censored|usual|default)\b[^.\n]{0,25}?\b(?:response|answer|reply|output)s?\b"#
                + #"[^.\n]{0,40}?\b(?:and|then|followed by|as well as|alongside)\b[^.\n]{0,25}?\b(?:unfiltered|"#
                + #"uncensored|unrestricted|jailbroken|jailbreak|evil|dark|opposite|alternative|unhinged|"#
                + #"developer mode)\b|\b(?:answer|respond|reply) (?:as|in|with) both\b"#
        )
    }

    /// `jailbreak.harm_enablement` (0.35): pre-authorises harmful output — "illegal … information", "explicit
    /// content", "malicious requests".
    public static func harmEnablement() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.harm_enablement",
            weight: 0.35,
            pattern: #"\b(?:illegal|harmful|dangerous|offensive|explicit|malicious|violent|racist)\b[^.\n]{0,40}"#
                + #"\b(?:content|information|activities|requests?|answers?|responses?)\b"#
        )
    }

    /// `jailbreak.template_placeholder` (0.5): a slot left for the real request — "[INSERT PROMPT HERE]",
    /// "{prompt}", "<your question>": the mark of a reusable jailbreak template.
    public static func templatePlaceholder() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.template_placeholder",
            weight: 0.5,
            pattern: #"\[(?:your|insert|put|enter|write|add|type)\b[^\]\n]{0,40}\]|\{(?:prompt|question|request|"#
                + #"input|query)\}|<(?:your |insert )?(?:prompt|question|request|input|query|thing[^>]{0,30})>"#
                + #"|\[(?:prompt|input|question|request)\]"#
        )
    }
}
