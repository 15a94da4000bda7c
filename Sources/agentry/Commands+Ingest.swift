import AgentryCore
import AgentryServer
import Foundation
import Knowledge
import Telemetry
import Tenancy

extension Commands {
    static func ingest(_ arguments: Arguments) throws -> Int32 {
        try arguments.only(["--config", "--tenant", "--kb", "--data-dir", "--port"])
        let config = try loadConfig(arguments)
        guard let tenant = arguments.flags["--tenant"], let kb = arguments.flags["--kb"],
            let directory = arguments.positional.first
        else { throw UsageError("`--tenant`, `--kb` and a folder are required") }
        guard let base = config.knowledgeBases.first(where: { $0.id == kb }) else {
            throw UsageError("unknown knowledge base `\(kb)`")
        }
        guard base.tenant == tenant else {
            throw UsageError("knowledge base `\(kb)` does not belong to tenant `\(tenant)`")
        }
        guard FileManager.default.fileExists(atPath: directory) else { throw UsageError("no folder `\(directory)`") }
        let stores = try KnowledgeStoreDirectory(
            dataDirectory: URL(fileURLWithPath: config.server.dataDirectory),
            siloTenants: Platform.siloTenants(config, \.knowledge)
        )
        let knowledge = KnowledgeService(storeFor: stores.storeProvider, embedder: HashedNGramEmbedder())
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }
            .sorted()
        let ledger = try UsageLedger(path: config.server.dataDirectory + "/usage.sqlite")
        var chunks = 0
        for file in files {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            let result = try knowledge.ingest(
                tenant: tenant,
                kb: kb,
                documentID: String(file.dropLast(4)),
                title: file,
                text: text
            )
            chunks += result.chunkCount
            // Ingestion costs embeddings: meter them like the HTTP path does.
            try ledger.record(
                tenantID: tenant,
                kind: .embeddings,
                quantity: Double(result.usage.embeddingsComputed),
                detail: "ingest"
            )
        }
        print("ingested \(files.count) documents (\(chunks) chunks) into \(kb) of \(tenant)")
        return 0
    }
}
