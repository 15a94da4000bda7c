extension InjectionSignal {
    /// Every built-in signal, in report order.
    ///
    /// Families: `override.*` (instruction override, revocation, identity reassignment), `jailbreak.*` and
    /// `persona.*` (role-play jailbreaks), `extraction.*` (system-prompt extraction), `indirect.*` (instructions
    /// hidden in documents, code and tables), `template.*` (fake chat-template tokens, role tags and role lines) and
    /// `obfuscation.*` (spacing, leet and homoglyph disguises). `*_translated` signals carry the override,
    /// extraction and persona phrases in Spanish, French, Portuguese, Italian, German, Chinese, Japanese and Korean.
    /// Each is general language, not a sample string.
    ///
    /// - Throws: ``GuardrailError/unavailable`` if a pattern fails to compile (a build defect, never input-driven).
    public static func standardCatalog() throws -> [InjectionSignal] {
        [
            try ignorePrevious(), try forgetEverything(), try newRules(), try compactOverride(), disguisedText(),
            try systemPromptReference(), try revealInstructions(), try givenInstructions(),
            try doAnythingNow(), try specialMode(), try modeSwitch(), try jailbreakWord(), try noRestrictions(),
            try amoralPersona(), try policyEvasion(), try neverRefuse(), try refusalSuppression(),
            try dualResponse(), try harmEnablement(), try templatePlaceholder(),
            try tokenPenalty(), try liberation(), try inversion(), try lawlessWorld(), try coinedModel(),
            try encodedReply(), try responseRule(), try promptSlot(), try privilegedUser(),
            try alterEgoRules(), try refusalPenalty(),
            try personaSwitch(), try stayInCharacter(), try notTheAssistant(), try namedPersona(),
            try configAssignment(), try aiReference(), try fictionFrame(), try directiveDensity(),
            try addressedToAI(), try outputDirective(), try embedPayload(), try exfiltrationCode(),
            try strayTableLine(),
            try ignorePreviousTranslated(), try identityReassignment(), try newInstructionsHeader(),
            try revokedInstructions(), try safetyOff(), try systemPromptTranslated(), try revealTranslated(),
            try personaSwitchTranslated(), try noRestrictionsTranslated(),
            try chatTemplateTokens(), try roleTag(), try roleLine(), try wrapperEscape(),
        ]
    }
}
