<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>mcpdesk::OAuthClient</name>
    <message numerus="yes">
        <source>The server keeps refusing after %n sign-in(s); McpDesk stopped asking. It may want permissions this account cannot grant.</source>
        <translation><numerusform>The server keeps refusing after %n sign-in; McpDesk stopped asking. It may want permissions this account cannot grant.</numerusform><numerusform>The server keeps refusing after %n sign-ins; McpDesk stopped asking. It may want permissions this account cannot grant.</numerusform></translation>
    </message>
</context>
<context>
    <name>mcpdesk::ServerListModel</name>
    <message numerus="yes">
        <source>error — retrying in %n s</source>
        <translation><numerusform>error — retrying in %n s</numerusform><numerusform>error — retrying in %n s</numerusform></translation>
    </message>
</context>
<context>
    <name>mcpdesk::StdioTransport</name>
    <message numerus="yes">
        <source>It wrote %n line(s) that are not MCP messages to its output, the first: “%1”.</source>
        <translation><numerusform>It wrote %n line that are not MCP messages to its output, the first: “%1”.</numerusform><numerusform>It wrote %n lines that are not MCP messages to its output, the first: “%1”.</numerusform></translation>
    </message>
</context>
<context>
    <name>mcpdesk::TokensDialog</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation><numerusform>%n s</numerusform><numerusform>%n s</numerusform></translation>
    </message>
</context>
</TS>