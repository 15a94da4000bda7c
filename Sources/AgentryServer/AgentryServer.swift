// Module AgentryServer.
