/// The `--help` texts.
enum HelpText {
    static let main = """
        agentry — a self-hosted, multi-tenant platform for running AI agents

        usage: agentry <command> [options]

        commands:
          serve          run the server (runtime, identity, gateway, memory, knowledge, policy, telemetry)
          demo           start a server, run the DocAssist scenario on real contracts, write demo-report.json
          token issue    issue an end-user token (ES256 JWT) from the built-in issuer
          ingest         load a folder of .txt documents into a tenant's knowledge base
          report usage   print per-tenant usage (tokens, embeddings, vector queries, tool calls, CPU, p95, errors)

        agentry --version prints the version.

        Run `agentry <command> --help` for a command's options.
        """

    static let serve = """
        usage: agentry serve --config FILE [--port N] [--data-dir DIR]

        Runs Agentry as a long-lived server on 127.0.0.1 until interrupted.
          --config FILE   deployment configuration (JSON), e.g. examples/docassist/agentry.json
          --port N        overrides server.port (default 8787; 0 picks a free port)
          --data-dir DIR  overrides server.dataDirectory
        Environment: OTEL_EXPORTER_OTLP_ENDPOINT exports spans as OTLP/HTTP JSON; AGENTRY_LOG_LEVEL sets the log level.
        """

    static let demo = """
        usage: agentry demo [--config FILE] [--contracts DIR] [--report FILE] [--data-dir DIR] [--limit N]

        Starts Agentry on a free loopback port with the DocAssist deployment, deals the contracts of DIR between the
        tenants smallfirm and bigbank, runs the scenario (own-tenant answers with citations, cross-tenant refusals,
        prompt-injection block, tool policy with narrowed downstream tokens, session memory, usage), prints a
        summary and writes the report. Exits 1 if any check fails.
          --config FILE    default examples/docassist/agentry.json
          --contracts DIR  default ../shared/corpus/contracts
          --report FILE    default demo-report.json
          --data-dir DIR   overrides server.dataDirectory
          --limit N        ingest at most N contracts (at least 2)
        """

    static let token = """
        usage: agentry token issue --config FILE --tenant ID --user ID [--scope "a b c"] [--ttl SECONDS]
                                   [--port N] [--data-dir DIR]

        Prints a signed ES256 user token with iss, sub, aud, exp, iat, jti, tenant_id and scope. It is signed by the
        tenant's own key ring when its tier silos keys. The issuer is server.issuer, or http://<host>:<port>: give
        the same --port and --data-dir as the server you will present it to.
        """

    static let ingest = """
        usage: agentry ingest --config FILE --tenant ID --kb ID [--data-dir DIR] FOLDER

        Chunks, embeds and indexes every .txt file of FOLDER into knowledge base ID of the tenant (re-ingesting a file
        replaces its chunks). The knowledge base must belong to the tenant.
        """

    static let report = """
        usage: agentry report usage --config FILE [--data-dir DIR] [--json]

        Prints per-tenant usage from the ledger in the data directory: tokens in/out, embeddings, vector queries,
        tool calls, runtime CPU-seconds, invocations, p95 latency and errors, with totals.
        """
}
