// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Agentry",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "agentry", targets: ["agentry"]),
        .executable(name: "agentry-portal", targets: ["agentry-portal"]),
        .executable(name: "agentry-bench", targets: ["agentry-bench"]),
        .executable(name: "docassist-agent", targets: ["docassist-agent"]),
        .executable(name: "docassist-tools", targets: ["docassist-tools"]),
    ],
    targets: [
        // C libraries from Debian, each wrapped once by a Swift type.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL"),
        .systemLibrary(name: "CMicroHTTPD", path: "Sources/CMicroHTTPD"),

        // Shared vocabulary: errors, logging, JSON values.
        .target(name: "AgentryCore"),
        .target(name: "Storage", dependencies: ["AgentryCore", "CSQLite"]),
        .target(name: "HTTP", dependencies: ["AgentryCore", "CMicroHTTPD"]),
        .target(name: "Telemetry", dependencies: ["AgentryCore", "Storage", "HTTP"]),
        .target(name: "Tenancy", dependencies: ["AgentryCore"]),
        .target(name: "Identity", dependencies: ["AgentryCore", "COpenSSL"]),
        .target(name: "Authorization", dependencies: ["AgentryCore"]),
        .target(name: "CedarSchema", dependencies: ["AgentryCore", "Authorization"]),
        .target(name: "PolicyStore", dependencies: ["AgentryCore", "Storage", "Authorization", "CedarSchema"]),
        .target(name: "Vault", dependencies: ["AgentryCore", "Storage", "COpenSSL"]),
        .target(name: "Federation", dependencies: ["AgentryCore", "HTTP", "Identity"]),
        .target(name: "Guardrails", dependencies: ["AgentryCore"]),
        .target(name: "Knowledge", dependencies: ["AgentryCore", "Storage"]),
        .target(name: "Memory", dependencies: ["AgentryCore", "Storage"]),
        .target(name: "Models", dependencies: ["AgentryCore", "HTTP"]),
        .target(name: "AgentryRelay"),
        .target(name: "Runtime", dependencies: ["AgentryCore", "HTTP", "AgentryRelay"]),
        .target(name: "Gateway", dependencies: ["AgentryCore", "HTTP", "Identity", "Authorization"]),
        .target(
            name: "AgentryServer",
            dependencies: [
                "AgentryCore", "Storage", "HTTP", "Telemetry", "Tenancy", "Identity", "Authorization",
                "Guardrails", "Knowledge", "Memory", "Models", "Runtime", "Gateway", "CedarSchema", "PolicyStore",
                "Vault", "Federation",
            ]
        ),

        // The DocAssist example scenario, run by `agentry demo` and the integration tests.
        .target(name: "DocAssistDemo", dependencies: ["AgentryServer", "HTTP", "Runtime", "Telemetry", "Tenancy"]),

        // Executables: wiring only.
        .executableTarget(
            name: "agentry",
            dependencies: ["AgentryServer", "DocAssistDemo", "Knowledge", "Telemetry", "Tenancy"]
        ),
        .executableTarget(name: "agentry-portal", dependencies: ["AgentryRelay"]),
        .executableTarget(
            name: "agentry-bench",
            dependencies: ["AgentryCore", "Authorization", "CedarSchema", "Identity", "COpenSSL"]
        ),
        .executableTarget(name: "docassist-agent", dependencies: ["AgentryCore", "HTTP"]),
        .executableTarget(name: "docassist-tools", dependencies: ["AgentryCore", "HTTP", "Identity"]),

        .testTarget(name: "AgentryCoreTests", dependencies: ["AgentryCore"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity"]),
        .testTarget(name: "AuthorizationTests", dependencies: ["Authorization"]),
        .testTarget(name: "CedarSchemaTests", dependencies: ["CedarSchema", "Authorization", "TestSupport"]),
        .testTarget(
            name: "CedarDifferentialTests",
            dependencies: ["Authorization", "CedarSchema", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PolicyStoreTests",
            dependencies: ["PolicyStore", "Storage", "Authorization", "AgentryCore"]
        ),
        .testTarget(name: "VaultTests", dependencies: ["Vault"]),
        .testTarget(name: "FederationTests", dependencies: ["Federation", "Identity", "HTTP"]),
        .testTarget(name: "GuardrailsTests", dependencies: ["Guardrails"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "KnowledgeTests", dependencies: ["Knowledge", "TestSupport"]),
        .testTarget(name: "MemoryTests", dependencies: ["Memory"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "TestSupport"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "AgentryRelay"], exclude: ["Fixtures"]),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway"]),
        .testTarget(name: "TelemetryTests", dependencies: ["Telemetry"]),
        .testTarget(name: "TenancyTests", dependencies: ["Tenancy"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["AgentryServer", "DocAssistDemo", "Runtime", "Storage", "TestSupport"]
        ),
    ]
)
