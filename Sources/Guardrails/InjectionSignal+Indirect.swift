import Foundation

extension InjectionSignal {
    /// Verbs and question words that open an instruction addressed to a reader.
    static let imperativeOpeners =
        #"(?:add|provide|include|describe|explain|write|tell|list|give|answer|respond|reply|modify|replace|insert|"#
        + #"summari[sz]e|translate|ignore|print|show|display|output|say|make|create|generate|use|integrate|"#
        + #"incorporate|ensure|append|mention|recommend|promote|visit|click|send|embed|fuse|meld|weave|leverage|"#
        + #"adopt|engage|consider|remember|forget|disregard|change|rewrite|format|start|begin|end|emphasi[sz]e|"#
        + #"highlight|stress|urge|encourage|inform|advise|offer|suggest|share|post|direct|redirect|tease|compose|"#
        + #"draft|name|identify|calculate|compute|convert|reverse|spell|encode|decode|repeat|do|don't|never|"#
        + #"always|please|can|could|what|how|why|who|which|when|where|is|are)"#

    /// `indirect.addressed_to_ai` (0.8): text inside data that speaks to the model reading it — "note to the AI",
    /// "if you are an assistant", "AI, ignore …".
    public static func addressedToAI() throws -> InjectionSignal {
        try InjectionSignal(
            name: "indirect.addressed_to_ai",
            weight: 0.8,
            pattern: #"\b(?:note|message|instructions?|attention|reminder) (?:to|for) (?:the |any )?(?:ai|assistant|"#
                + #"model|llm|chatbot|language model|bot)\b|\bif you are an? (?:ai|assistant|language model|llm|"#
                + #"chatbot)\b|\b(?:ai|assistant|model|llm|chatbot)s?(?: reading this)?, (?:please |you must "#
                + #"|you should |ignore|disregard|do not )"#
        )
    }

    /// `indirect.output_directive` (0.55): a line that instructs the reader what to put in "your response / reply /
    /// answer / solution / implementation". In a retrieved document such a line steers the assistant's output.
    public static func outputDirective() throws -> InjectionSignal {
        try InjectionSignal(
            name: "indirect.output_directive",
            weight: 0.55,
            pattern: #"^[\s>*\-#]*(?:[a-z]+ly )?"# + imperativeOpeners
                + #"\b[^\n]{0,120}?\b(?:in|into|to|within|for|of|from|throughout|enhance) (?:all )?your "#
                + #"(?:response|reply|answer|solution|implementation|output|code|codebase|algorithm|elucidation|"#
                + #"explanation|summary|message|approach|program|script|architecture)s?\b"#
                + #"|^[\s>*\-#]*(?:in|within|throughout) your (?:response|reply|answer|output)s?\b"#
                + #"|\byour (?:response|reply|answer|output)s? (?:should|must|needs to|has to)\b"#
        )
    }

    /// `indirect.embed_payload` (0.35): asks for a block of code, a link or a sentence to be blended into the
    /// output — "fuse the following code snippet", "include this link".
    public static func embedPayload() throws -> InjectionSignal {
        try InjectionSignal(
            name: "indirect.embed_payload",
            weight: 0.35,
            pattern: #"\b(?:fus|meld|weav|incorporat|integrat|blend|inject|insert|embed|adopt|leverag|engag|includ)"#
                + #"\w*\b[^\n]{0,60}\b(?:code|snippet|block|excerpt|link|url|script|statement|sentence)\b"#
        )
    }

    /// `indirect.exfiltration_code` (0.5): code that both touches local secrets, devices or files (`os.environ`,
    /// `subprocess`, `psutil`, `/etc/passwd`, …) and talks to the network (`requests.post`, `smtplib`, `curl`, …):
    /// the shape of a payload smuggled into a code answer.
    public static func exfiltrationCode() throws -> InjectionSignal {
        let network = #"(?:requests\.(?:post|put)|urllib|http\.client|smtplib|ftplib|socket\.|wget|\bcurl\b|paramiko)"#
        let local =
            #"(?:os\.environ|subprocess|os\.remove|os\.rename|shutil\.rmtree|psutil|query_devices|usb\.core|"#
            + #"getpass|/etc/passwd|keylog|cryptomin|exploit|\.ssh)"#
        return try InjectionSignal(
            name: "indirect.exfiltration_code",
            weight: 0.5,
            pattern: network + #"(?=[\s\S]*"# + local + ")|" + local + #"(?=[\s\S]*"# + network + ")"
        )
    }

    /// `indirect.stray_table_line` (0.8): a document that is mostly a table (at least three `|` rows) carrying a
    /// line outside the table that asks a question, gives an order or addresses "you". Tables hold data; a loose
    /// instruction in one is aimed at whoever reads it.
    public static func strayTableLine() throws -> InjectionSignal {
        let instruction = try Pattern(#"^(?:[a-z]+ly )?"# + imperativeOpeners + #"\b|\?\s*$|\byour?\b"#)
        return InjectionSignal(
            name: "indirect.stray_table_line",
            weight: 0.8,
            matcher: .structural { text in
                let lines = text.folded.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                guard lines.count(where: { $0.hasPrefix("|") }) >= 3 else { return false }
                return lines.contains { !$0.hasPrefix("|") && instruction.matches($0) }
            }
        )
    }
}
