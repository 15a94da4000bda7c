/// A `like` pattern: literal Unicode scalars and `*` wildcards (a literal star is written `\*`).
package struct LikePattern: Sendable {
    package enum Element: Sendable, Equatable {
        case scalar(Unicode.Scalar)
        case wildcard
    }

    package let elements: [Element]

    /// True when `text` matches the whole pattern; greedy matching with single backtrack point, O(n·m) worst.
    package func matches(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        var textIndex = scalars.startIndex
        var patternIndex = 0
        var starPattern = -1
        var starText = textIndex
        while textIndex < scalars.endIndex {
            if patternIndex < elements.count, case .scalar(let expected) = elements[patternIndex],
                expected == scalars[textIndex]
            {
                scalars.formIndex(after: &textIndex)
                patternIndex += 1
            } else if patternIndex < elements.count, elements[patternIndex] == .wildcard {
                starPattern = patternIndex
                starText = textIndex
                patternIndex += 1
            } else if starPattern >= 0 {
                patternIndex = starPattern + 1
                scalars.formIndex(after: &starText)
                textIndex = starText
            } else {
                return false
            }
        }
        while patternIndex < elements.count, elements[patternIndex] == .wildcard { patternIndex += 1 }
        return patternIndex == elements.count
    }
}
