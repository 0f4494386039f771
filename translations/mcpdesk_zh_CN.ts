<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>McpDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No MCP servers yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerState</name>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SseParser</name>
    <message>
        <source>The server sent an event larger than the limit of %1 KB; the stream was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcpdesk::JsonRpcEndpoint</name>
    <message>
        <source>The server did not answer “%1” within %2 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message from the server is not JSON-RPC 2.0 (the &quot;jsonrpc&quot; member is missing or not &quot;2.0&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a message that is neither a request, a notification nor a response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered “%1” with error %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no message)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcpdesk::McpSession</name>
    <message>
        <source>The connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not say which protocol version it speaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server speaks MCP protocol version %1, which McpDesk does not support (McpDesk asked for %2 and also speaks %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s “%1” pages never end (cursor “%2” came back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not offer log messages.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcpdesk::RpcReply</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcpdesk::StreamableHttpTransport</name>
    <message>
        <source>The connection is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is larger than %1 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a message that is not valid JSON (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent JSON that is not a JSON-RPC message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1: the connection was refused. Is the server running?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server name “%1” could not be found (DNS lookup failed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection before answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 timed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request to %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (certificate for “%1”, issued by “%2”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 could not be trusted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network error talking to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an HTML page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs you to sign in (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused access (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server no longer knows this session (HTTP 404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event stream from the server broke off before the answer arrived: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with “%1” instead of JSON or an event stream: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the event stream before it sent the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent no answer to “%1” (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
