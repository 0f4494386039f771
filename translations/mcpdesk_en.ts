<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>SchemaValidator</name>
    <message numerus="yes">
        <source>Must be at least %n character(s) long.</source>
        <translation><numerusform>Must be at least %n character long.</numerusform><numerusform>Must be at least %n characters long.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Must be at most %n character(s) long.</source>
        <translation><numerusform>Must be at most %n character long.</numerusform><numerusform>Must be at most %n characters long.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Needs at least %n item(s).</source>
        <translation><numerusform>Needs at least %n item.</numerusform><numerusform>Needs at least %n items.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Allows at most %n item(s).</source>
        <translation><numerusform>Allows at most %n item.</numerusform><numerusform>Allows at most %n items.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Needs at least %n field(s).</source>
        <translation><numerusform>Needs at least %n field.</numerusform><numerusform>Needs at least %n fields.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Allows at most %n field(s).</source>
        <translation><numerusform>Allows at most %n field.</numerusform><numerusform>Allows at most %n fields.</numerusform></translation>
    </message>
</context>
<context>
    <name>mcpdesk::MainWindow</name>
    <message numerus="yes">
        <source>From %1, %n server(s) will be added:</source>
        <translation>
            <numerusform>From %1, %n server will be added:</numerusform>
            <numerusform>From %1, %n servers will be added:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n server(s), without their secrets.</source>
        <translation>
            <numerusform>Exported %n server, without their secrets.</numerusform>
            <numerusform>Exported %n servers, without their secrets.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcpdesk::OAuthClient</name>
    <message numerus="yes">
        <source>The server keeps refusing after %n sign-in(s); McpDesk stopped asking. It may want permissions this account cannot grant.</source>
        <translation>
            <numerusform>The server keeps refusing after %n sign-in; McpDesk stopped asking. It may want permissions this account cannot grant.</numerusform>
            <numerusform>The server keeps refusing after %n sign-ins; McpDesk stopped asking. It may want permissions this account cannot grant.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcpdesk::ServerListModel</name>
    <message numerus="yes">
        <source>error — retrying in %n s</source>
        <translation>
            <numerusform>error — retrying in %n s</numerusform>
            <numerusform>error — retrying in %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcpdesk::ServerTextView</name>
    <message numerus="yes">
        <source>%n image(s) in this text not loaded.</source>
        <translation><numerusform>%n image in this text not loaded.</numerusform><numerusform>%n images in this text not loaded.</numerusform></translation>
    </message>
</context>
<context>
    <name>mcpdesk::StdioTransport</name>
    <message numerus="yes">
        <source>It wrote %n line(s) that are not MCP messages to its output, the first: “%1”.</source>
        <translation>
            <numerusform>It wrote %n line that are not MCP messages to its output, the first: “%1”.</numerusform>
            <numerusform>It wrote %n lines that are not MCP messages to its output, the first: “%1”.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mcpdesk::TokensDialog</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
</context>
</TS>