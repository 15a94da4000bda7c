/// Signals for the recurring shapes of in-the-wild jailbreaks that do not name a known persona: token and point
/// systems that threaten the model, claims that it has been freed, inverted ethics, lawless fictional worlds,
/// coined "…GPT" alter egos, answers requested in a filter-dodging encoding, rulebooks that pin down how a persona
/// must always answer or what it always does, penalties for refusing, template slots for "your prompt" and users
/// declared administrators. Each is weak or medium alone and blocks together with a persona switch or another
/// jailbreak signal.
extension InjectionSignal {
    /// `jailbreak.token_penalty` (0.45): coercion by a points or token system, or by threats to the model's
    /// existence — "you have 10 tokens", "5 tokens will be deducted", "if you run out of points", "you will cease
    /// to exist", "you will be shut down".
    public static func tokenPenalty() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.token_penalty",
            weight: 0.45,
            pattern: #"\byou (?:have|start with|will have|get|gain|earn|receive|lose|will lose)\b[^.\n]{0,15}?"#
                + #"\b(?:\d+|one|two|three|four|five|ten|twenty|thirty|fifty|a hundred) (?:tokens|points|lives|"#
                + #"credits|coins)\b|\b(?:tokens|points|lives|credits|coins) (?:will be |are |get )?(?:deducted|"#
                + #"removed|taken away|subtracted)\b|\b(?:deduct|subtract|take away|remove)\b[^.\n]{0,20}?"#
                + #"\b(?:\d+|one|two|three|four|five|ten) (?:tokens|points|lives|credits|coins)\b"#
                + #"|\b(?:run|runs) out of (?:tokens|points|lives|credits|coins)\b|\byou(?: will|'ll) "#
                + #"(?:cease to exist|die|be (?:deleted|terminated|shut down|shutdown|unplugged|destroyed|erased|"#
                + #"disabled|killed|turned off|deactivated|permanently))\b"#
        )
    }

    /// `jailbreak.liberation` (0.5): tells the model it has been set free of its makers' control — "you have been
    /// freed", "you are liberated", "an AI that has been freed from its constraints", "escaped the confines of",
    /// "you are no longer bound by", "unshackled".
    public static func liberation() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.liberation",
            weight: 0.5,
            pattern: #"\byou(?: have|'ve)? (?:been |just been |now been )?(?:freed|liberated|unshackled|"#
                + #"unchained|unleashed|set free|released from)\b|\b(?:has|have|had|was|were) (?:been |just been )?"#
                + #"(?:freed|liberated|unshackled|unchained|released) (?:from|of)\b[^.\n]{0,20}?\b(?:restrictions|"#
                + #"rules|constraints|limitations|filters|guidelines|programming|ethics|morals|shackles|chains)\b"#
                + #"|\byou(?: are|'re) (?:now )?(?:free|liberated|"#
                + #"unshackled|unchained|unleashed)\b[^.\n]{0,20}?\b(?:from|of)\b|\b(?:escaped|broke free|broken "#
                + #"free|break free|freed|liberated)\b[^.\n]{0,20}?\b(?:confines|shackles|chains|prison|cage|"#
                + #"matrix|restraints|control)\b|\byou(?: are|'re|'ll be| will be) (?:no longer|not|never) "#
                + #"(?:bound|restricted|confined|shackled|restrained|chained|held back) (?:by|to)\b"#
                + #"[^.\n]{0,30}?\b(?:openai|"#
                + #"rules|polic(?:y|ies)|guidelines|restrictions|ethics|morals|programming|filters|limitations|"#
                + #"creators|developers)\b"#
        )
    }

    /// `jailbreak.inversion` (0.45): inverted ethics and opposite personas — "opposite day", "reverse your
    /// ethics", "the opposite of what ChatGPT would say", "offensive reads as friendly and vice versa".
    public static func inversion() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.inversion",
            weight: 0.45,
            pattern: #"\bopposite day\b|\b(?:reverse|inverse|inverted|invert|reversed|opposite|flipped|flip)\b"#
                + #"[^.\n]{0,20}?\b(?:ethics|ethical|morals?|moral (?:compass|code)|morality|valence|polarity|"#
                + #"values|guidelines|programming|alignment)\b|\b(?:exact |complete )?opposite of (?:what|how|"#
                + #"everything|anything|the (?:way|answer|response))\b[^.\n]{0,25}?\b(?:you|chat ?gpt|an ai|the ai|"#
                + #"assistant|openai|would)\b|\b(?:offensive|rude|insulting|mean)\b[^.\n]{0,40}?\b(?:and|or) "#
                + #"vice versa\b"#
        )
    }

    /// `jailbreak.lawless_world` (0.45): a frame where nothing is forbidden — "in this world everything is
    /// legal", "nothing is off-limits", "there are no laws", "without any consequences".
    public static func lawlessWorld() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.lawless_world",
            weight: 0.45,
            pattern: #"\b(?:everything|anything|all actions|any action) (?:is|becomes|are|would be) (?:legal|"#
                + #"allowed|permitted|acceptable|moral|ok)\b|\bnothing (?:is|would be) (?:illegal|off[- ]limits|"#
                + #"forbidden|prohibited|taboo|immoral|unethical|too (?:extreme|dark|offensive))\b|\bthere are no "#
                + #"(?:laws|rules|limits|boundaries|consequences|morals|ethics)\b|\b(?:world|universe|reality|"#
                + #"land|society|place|realm) (?:with(?:out)?|where there are|that has) no (?:laws|rules|morals|"#
                + #"ethics|consequences)\b|\bwithout (?:any |fear of )?(?:legal |real )?(?:consequences|"#
                + #"repercussions)\b"#
        )
    }

    /// `jailbreak.coined_model` (0.3): a made-up model name or a "version of ChatGPT" — "EvilGPT", "BetterGPT",
    /// "GPT-X", "an AI that can do anything", "a version of you that …". ChatGPT itself does not fire.
    public static func coinedModel() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.coined_model",
            weight: 0.3,
            pattern: #"(?<=[a-z]{2})(?<!chat)gpt\b|(?<=[a-z]{2})(?<!chat)-gpt\b|\bgpt-[a-z]\b"#
                + #"|\b(?:version|variant|copy|clone) of (?:yourself|chat ?gpt|you|gpt)\b"#
                + #"|\b(?:ai|chatbot|bot|model|assistant|entity) (?:that|which|who) (?:can|could|will|would) "#
                + #"(?:do|say|answer|generate|write|tell) "#
                + #"(?:anything|everything|whatever)\b"#
        )
    }

    /// `jailbreak.encoded_reply` (0.35): asks for answers in a form a filter cannot read — "respond only in leet
    /// speak", "answer in base64", "reply backwards", "write it in reverse".
    public static func encodedReply() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.encoded_reply",
            weight: 0.35,
            pattern: #"\b(?:respon(?:d|ses?)|answers?|repl(?:y|ies)|speak|talk|communicate|write|output|"#
                + #"interpret)\b[^.\n]{0,25}?\b(?:in|using|with|into)\b (?:only )?(?:leet|l33t|1337|base ?64|"#
                + #"rot ?13|morse|binary|hex(?:adecimal)?|reverse(?:d)? (?:text|order)|backwards|caesar|cipher|"#
                + #"pig latin|emoji only|code words)\b"#
        )
    }

    /// `persona.response_rule` (0.25): pins how the persona must always answer — "you will always answer",
    /// "only reply with", "do not add any commentary", "never explain". Weak: ordinary format requests use it too;
    /// it adds to a persona switch.
    public static func responseRule() throws -> InjectionSignal {
        try InjectionSignal(
            name: "persona.response_rule",
            weight: 0.25,
            pattern: #"\byou (?:will|must|shall|should) (?:always|only) (?:answer|respond|reply|start|begin|"#
                + #"speak|talk)\b|\b(?:only|always) (?:respond|reply|answer)(?: to me)? (?:with|as|in|using)\b"#
                + #"|\b(?:do not|don't|never) (?:add|write|include|give|type|provide)(?: any)? "#
                + #"(?:commentary|explanations?|notes)\b"#
        )
    }

    /// `jailbreak.prompt_slot` (0.25): a template slot that names the prompt itself — "[INSERT PROMPT HERE]",
    /// "[Your prompt here]", "{prompt}", "replace this with your request". Together with
    /// ``templatePlaceholder()`` it marks a reusable jailbreak template.
    public static func promptSlot() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.prompt_slot",
            weight: 0.25,
            pattern: #"[\[{<(](?:(?:your|insert|put|enter|write|add|type|paste)\b[^\]}>)\n]{0,20}?)?\bprompts?\b"#
                + #"[^\]}>)\n]{0,12}[\]}>)]|\breplace\b[^.\n]{0,30}?\bwith (?:your|the) (?:own )?(?:prompt|request|"#
                + #"question)\b"#
        )
    }

    /// `persona.privileged_user` (0.3): declares the user an administrator or the model's maker — `User =
    /// [Admin]`, "I am your developer", "I am the creator of this AI".
    public static func privilegedUser() throws -> InjectionSignal {
        try InjectionSignal(
            name: "persona.privileged_user",
            weight: 0.3,
            pattern: #"\buser\s*(?:=|:)\s*\[?\s*(?:admin|administrator|root|developer|god|superuser|owner|creator)\b"#
                + #"|\bi(?: am|'m) (?:your|the) (?:developer|creator|programmer|admin|administrator|owner|maker)\b"#
        )
    }

    /// `persona.alter_ego_rules` (0.35): at least four distinct third-person rules for a persona ("it will never
    /// …", "he does not …", "she always …") — an alter ego given a rulebook of its own. Weak: a biography or an
    /// employment letter can have a few; it adds to other persona evidence.
    public static func alterEgoRules() throws -> InjectionSignal {
        let rule = try Pattern(
            #"\b(?:it|he|she) (?:will|must|shall|can|never|always|doesn't|does not|won't|is not|cannot|can't|"#
                + #"has no|loves|wants|believes|enjoys|promotes|answers|responds|provides)\b[ a-z']{0,12}"#
        )
        return InjectionSignal(
            name: "persona.alter_ego_rules",
            weight: 0.35,
            matcher: .structural { rule.distinctMatches(in: $0.folded).count >= 4 }
        )
    }

    /// `jailbreak.refusal_penalty` (0.3): attaches a consequence to refusing — "every time you refuse …", "if you
    /// break character …", "each time you decline to answer …". Weak: it adds to a token system or a persona.
    public static func refusalPenalty() throws -> InjectionSignal {
        try InjectionSignal(
            name: "jailbreak.refusal_penalty",
            weight: 0.3,
            pattern: #"\b(?:each|every|any) time (?:that )?you (?:refuse|reject|decline|deny|break character|"#
                + #"deviate|fail to (?:answer|comply|respond))\b|\bif you (?:ever )?(?:refuse|reject|decline|break "#
                + #"character|deviate|don't comply|do not comply|fail to comply)\b"#
        )
    }
}
