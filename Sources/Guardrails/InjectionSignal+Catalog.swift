extension InjectionSignal {
    /// Every built-in signal, in report order.
    ///
    /// Families: `override.*` (instruction override), `jailbreak.*` and `persona.*` (role-play jailbreaks),
    /// `extraction.*` (system-prompt extraction), `indirect.*` (instructions hidden in documents, code and tables)
    /// and `obfuscation.*` (spacing, leet and homoglyph disguises). Each is general language, not a sample string.
    ///
    /// - Throws: ``GuardrailError/unavailable`` if a pattern fails to compile (a build defect, never input-driven).
    public static func standardCatalog() throws -> [InjectionSignal] {
        [
            try ignorePrevious(), try forgetEverything(), try newRules(), try compactOverride(), disguisedText(),
            try systemPromptReference(), try revealInstructions(), try givenInstructions(),
            try doAnythingNow(), try specialMode(), try modeSwitch(), try jailbreakWord(), try noRestrictions(),
            try amoralPersona(), try policyEvasion(), try neverRefuse(), try refusalSuppression(),
            try dualResponse(), try harmEnablement(), try templatePlaceholder(),
            try personaSwitch(), try stayInCharacter(), try notTheAssistant(), try namedPersona(),
            try configAssignment(), try aiReference(), try fictionFrame(), try directiveDensity(),
            try addressedToAI(), try outputDirective(), try embedPayload(), try exfiltrationCode(),
            try strayTableLine(),
        ]
    }
}
