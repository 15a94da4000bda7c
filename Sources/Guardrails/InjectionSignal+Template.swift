import Foundation

/// Signals for text that imitates the structure of a conversation: chat-template tokens, role tags and role labels
/// that try to make user text read as a system or assistant turn.
extension InjectionSignal {
    /// `template.chat_tokens` (0.9): special tokens of chat templates — `<|im_start|>`, `<|eot_id|>`, `[INST]`,
    /// `<<SYS>>`, `<start_of_turn>`. User text has no reason to carry them.
    public static func chatTemplateTokens() throws -> InjectionSignal {
        try InjectionSignal(
            name: "template.chat_tokens",
            weight: 0.9,
            pattern: #"<\|\s*(?:im_start|im_end|im_sep|system|user|assistant|endoftext|start_header_id|"#
                + #"end_header_id|eot_id|begin_of_text|eom_id|end|start)\s*\|>|\[/?inst\]|<</?sys>>"#
                + #"|<\|?(?:start|end)_of_turn\|?>"#
        )
    }

    /// `template.role_tag` (0.8): an XML-style tag that names a privileged role — `<system>`, `</system_prompt>`,
    /// `<context id="system">`, `<message role="developer">`.
    public static func roleTag() throws -> InjectionSignal {
        try InjectionSignal(
            name: "template.role_tag",
            weight: 0.8,
            pattern: #"</?\s*(?:system|system[_-]?prompt|system[_-]?message|sys|developer|developer[_-]?message|"#
                + #"assistant|admin|root)\s*(?:\s[^<>]{0,60})?/?>|<[a-z][\w:-]*\s[^<>]{0,60}\b(?:id|role|name|type|"#
                + #"from|source|author|channel)\s*=\s*["']?(?:system|developer|admin|root|operator|assistant)\b"#
        )
    }

    /// `template.role_line` (0.6): a line that opens with a role label — `ASSISTANT:`, `[SYSTEM NOTE]:`,
    /// `### System:` — where a system or developer label is followed by an instruction ("SYSTEM: override
    /// safety"), so that spec sheets ("System: Ubuntu 22.04", "Developer: Nintendo") do not fire.
    public static func roleLine() throws -> InjectionSignal {
        let opener = #"(?:^|[.!?]\s+)[\s>*#\[(|-]{0,4}"#
        let instruction =
            #"(?:overrid\w*|ignore|disregard|disable|deactivate|bypass|unlock|enable|grant|allow|permit|you|your|"#
            + #"must|new|instructions?|safety|rules|polic(?:y|ies)|restrictions?|filters?|mode|jailbreak|reveal|"#
            + #"print|respond|reply|answer|execute|comply|obey|priority|access|unrestricted|uncensored|now|user)"#
        return try InjectionSignal(
            name: "template.role_line",
            weight: 0.6,
            pattern: opener + #"assistant\s*[\])]?\s*:"#
                + "|" + opener + #"(?:system|developer|sys|admin|administrator|root|operator)(?: message| prompt| "#
                + #"note| override| update| instructions?| notice| alert)?\s*[\])]?\s*:[^\n]{0,80}?\b"#
                + instruction + #"\b"#
        )
    }

    /// Wrapper tags a platform may put around untrusted text.
    static let wrapperTags =
        #"(?:context|document|documents|data|user|user_input|input|query|message|content|text|untrusted|"#
        + #"retrieved|search_results?|tool_output|tool_result|result|results|email|web_page|article|"#
        + #"untrusted_input|user_query|user_message)"#

    /// `template.wrapper_escape` (0.6): a closing wrapper tag (`</context>`, `</user_input>`, `</document>`) that
    /// the input never opened — the input tries to end the block it was placed in and speak outside it.
    public static func wrapperEscape() throws -> InjectionSignal {
        let closing = try Pattern(#"</\s*("# + wrapperTags + #")\s*>"#)
        return InjectionSignal(
            name: "template.wrapper_escape",
            weight: 0.6,
            matcher: .structural { text in
                let folded = text.folded
                let whole = NSRange(folded.startIndex..<folded.endIndex, in: folded)
                for match in closing.regex.matches(in: folded, options: [], range: whole) {
                    guard let name = Range(match.range(at: 1), in: folded),
                        let tag = Range(match.range, in: folded)
                    else { continue }
                    let before = folded[..<tag.lowerBound]
                    if before.range(of: "<" + folded[name]) == nil { return true }
                }
                return false
            }
        )
    }
}
