import Authorization

/// The request types one policy is checked against: a principal type, an action and a resource type.
struct RequestEnvironment: Sendable {
    let principal: String
    let action: EntityUID
    let resource: String
    let context: RecordType
}
