import AgentryCore
import AgentryServer
import Foundation
import Knowledge
import Tenancy

extension Commands {
    static func ingest(_ arguments: Arguments) throws -> Int32 {
        try arguments.only(["--config", "--tenant", "--kb", "--data-dir"])
        let config = try loadConfig(arguments)
        guard let tenant = arguments.flags["--tenant"], let kb = arguments.flags["--kb"],
            let directory = arguments.positional.first
        else { throw UsageError("`--tenant`, `--kb` and a folder are required") }
        guard config.knowledgeBases.contains(where: { $0.id == kb && $0.tenant == tenant }) else {
            throw UsageError("knowledge base `\(kb)` does not belong to tenant `\(tenant)`")
        }
        let stores = try KnowledgeStoreDirectory(
            dataDirectory: URL(fileURLWithPath: config.server.dataDirectory),
            siloTenants: Platform.siloTenants(config, \.knowledge)
        )
        let knowledge = KnowledgeService(storeFor: stores.storeProvider, embedder: HashedNGramEmbedder())
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }
            .sorted()
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
        }
        print("ingested \(files.count) documents (\(chunks) chunks) into \(kb) of \(tenant)")
        return 0
    }
}
