<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>IconRules</name>
    <message>
        <source>The icon&apos;s address is not valid.</source>
        <translation>该图标的地址无效。</translation>
    </message>
    <message>
        <source>Icons come only from the server&apos;s own web address or inside its answer (data:), not from a %1: address.</source>
        <translation>图标只能来自服务器自己的网址或其回答内部（data:），不能来自 %1: 地址。</translation>
    </message>
    <message>
        <source>A local program&apos;s icons must come inside its answer (data:).</source>
        <translation>本地程序的图标必须包含在其回答中（data:）。</translation>
    </message>
    <message>
        <source>The icon is on an unencrypted (http:) address; only a server on this computer may use one.</source>
        <translation>该图标位于未加密的（http:）地址；只有本机上的服务器可以使用。</translation>
    </message>
    <message>
        <source>The icon is on %1, not on the server&apos;s own address %2; MCP allows only the server&apos;s own.</source>
        <translation>该图标位于 %1，而不是服务器自己的地址 %2；MCP 只允许服务器自己的地址。</translation>
    </message>
    <message>
        <source>The SVG declares a DTD or entities.</source>
        <translation>该 SVG 声明了 DTD 或实体。</translation>
    </message>
    <message>
        <source>The SVG uses entities.</source>
        <translation>该 SVG 使用了实体。</translation>
    </message>
    <message>
        <source>The file is not an SVG image.</source>
        <translation>该文件不是 SVG 图像。</translation>
    </message>
    <message>
        <source>The SVG contains a script.</source>
        <translation>该 SVG 包含脚本。</translation>
    </message>
    <message>
        <source>The SVG contains a foreignObject.</source>
        <translation>该 SVG 包含 foreignObject。</translation>
    </message>
    <message>
        <source>The SVG draws another image.</source>
        <translation>该 SVG 绘制了另一张图像。</translation>
    </message>
    <message>
        <source>The SVG refers to another file.</source>
        <translation>该 SVG 引用了其他文件。</translation>
    </message>
    <message>
        <source>The SVG contains a processing instruction.</source>
        <translation>该 SVG 包含处理指令。</translation>
    </message>
    <message>
        <source>The SVG is not well-formed.</source>
        <translation>该 SVG 格式不正确。</translation>
    </message>
    <message>
        <source>The icon is larger than %1 KB.</source>
        <translation>该图标大于 %1 KB。</translation>
    </message>
    <message>
        <source>The icon is a WebP image, which this system&apos;s Qt cannot read.</source>
        <translation>该图标是 WebP 图像，本系统的 Qt 无法读取。</translation>
    </message>
    <message>
        <source>The icon is not a PNG, JPEG, SVG or WebP image.</source>
        <translation>该图标不是 PNG、JPEG、SVG 或 WebP 图像。</translation>
    </message>
    <message>
        <source>The icon&apos;s data: address is not valid.</source>
        <translation>该图标的 data: 地址无效。</translation>
    </message>
</context>
<context>
    <name>ImportExport</name>
    <message>
        <source>%1: header %2 refers to a variable; enter its value in McpDesk.</source>
        <translation>%1：请求头 %2 引用了一个变量；请在 McpDesk 中输入它的值。</translation>
    </message>
    <message>
        <source>%1: %2 refers to a variable; enter its value in McpDesk.</source>
        <translation>%1：%2 引用了一个变量；请在 McpDesk 中输入它的值。</translation>
    </message>
    <message>
        <source>The file is not valid JSON: %1.</source>
        <translation>该文件不是有效的 JSON：%1。</translation>
    </message>
    <message>
        <source>The file does not hold a list of servers.</source>
        <translation>该文件中没有服务器列表。</translation>
    </message>
    <message>
        <source>No servers found: the file has neither &quot;mcpServers&quot; nor &quot;servers&quot;.</source>
        <translation>未找到服务器：文件中既没有 &quot;mcpServers&quot; 也没有 &quot;servers&quot;。</translation>
    </message>
    <message>
        <source>%1 has no command or URL and was left out.</source>
        <translation>%1 没有命令或 URL，已略过。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>McpDesk</source>
        <translation>McpDesk</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
</context>
<context>
    <name>McpHeaders</name>
    <message>
        <source>the schema itself</source>
        <translation>模式本身</translation>
    </message>
    <message>
        <source>an x-mcp-header annotation sits where no argument is (%1); only properties reached through “properties” may carry one</source>
        <translation>x-mcp-header 标注位于没有参数的位置（%1）；只有经由“properties”到达的属性才能带有它</translation>
    </message>
    <message>
        <source>the x-mcp-header of “%1” is empty or not text</source>
        <translation>“%1”的 x-mcp-header 为空或不是文本</translation>
    </message>
    <message>
        <source>the x-mcp-header of “%1”, “%2”, is not a valid HTTP header name</source>
        <translation>“%1”的 x-mcp-header“%2”不是有效的 HTTP 标头名称</translation>
    </message>
    <message>
        <source>“%1” has an x-mcp-header but is not a string, integer or boolean</source>
        <translation>“%1”带有 x-mcp-header，但不是字符串、整数或布尔值</translation>
    </message>
    <message>
        <source>the x-mcp-header “%1” is used twice</source>
        <translation>x-mcp-header“%1”被使用了两次</translation>
    </message>
</context>
<context>
    <name>SchemaValidator</name>
    <message>
        <source>The schema is too complex to check (too deep or too large).</source>
        <translation>该模式过于复杂，无法检查（嵌套太深或太大）。</translation>
    </message>
    <message>
        <source>No value is allowed here.</source>
        <translation>此处不允许任何值。</translation>
    </message>
    <message>
        <source>The schema refers to itself without end (%1).</source>
        <translation>该模式无休止地引用自身（%1）。</translation>
    </message>
    <message>
        <source>The schema refers to “%1”, which McpDesk cannot find.</source>
        <translation>该模式引用了“%1”，McpDesk 找不到它。</translation>
    </message>
    <message>
        <source>Expected %1, got %2.</source>
        <translation>应为 %1，实际为 %2。</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>Must be one of the listed values.</source>
        <translation>必须是列出的值之一。</translation>
    </message>
    <message>
        <source>Must be %1.</source>
        <translation>必须为 %1。</translation>
    </message>
    <message>
        <source>Does not match any of the allowed shapes.</source>
        <translation>不符合任何允许的结构。</translation>
    </message>
    <message>
        <source>Matches more than one of the allowed shapes.</source>
        <translation>同时符合多个允许的结构。</translation>
    </message>
    <message>
        <source>Matches a shape that is not allowed.</source>
        <translation>符合了不允许的结构。</translation>
    </message>
    <message>
        <source>Must be at least %1.</source>
        <translation>不能小于 %1。</translation>
    </message>
    <message>
        <source>Must be at most %1.</source>
        <translation>不能大于 %1。</translation>
    </message>
    <message>
        <source>Must be more than %1.</source>
        <translation>必须大于 %1。</translation>
    </message>
    <message>
        <source>Must be less than %1.</source>
        <translation>必须小于 %1。</translation>
    </message>
    <message>
        <source>Must be a multiple of %1.</source>
        <translation>必须是 %1 的倍数。</translation>
    </message>
    <message numerus="yes">
        <source>Must be at least %n character(s) long.</source>
        <translation>
            <numerusform>长度至少为 %n 个字符。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Must be at most %n character(s) long.</source>
        <translation>
            <numerusform>长度最多为 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>Does not have the expected form (%1).</source>
        <translation>格式不符合要求（%1）。</translation>
    </message>
    <message>
        <source>Is not a valid %1.</source>
        <translation>不是有效的 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Needs at least %n item(s).</source>
        <translation>
            <numerusform>至少需要 %n 项。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Allows at most %n item(s).</source>
        <translation>
            <numerusform>最多允许 %n 项。</numerusform>
        </translation>
    </message>
    <message>
        <source>Items must all be different.</source>
        <translation>各项必须互不相同。</translation>
    </message>
    <message>
        <source>Needs an item of the required kind.</source>
        <translation>需要一项符合要求的内容。</translation>
    </message>
    <message>
        <source>Has too many items of that kind.</source>
        <translation>此类项过多。</translation>
    </message>
    <message numerus="yes">
        <source>Needs at least %n field(s).</source>
        <translation>
            <numerusform>至少需要 %n 个字段。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Allows at most %n field(s).</source>
        <translation>
            <numerusform>最多允许 %n 个字段。</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is required.</source>
        <translation>“%1”为必填项。</translation>
    </message>
    <message>
        <source>“%1” is not allowed here.</source>
        <translation>此处不允许“%1”。</translation>
    </message>
    <message>
        <source>“%1” is required when “%2” is given.</source>
        <translation>填写“%2”时必须填写“%1”。</translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>a server without mcpId and name</source>
        <translation>缺少 mcpId 和名称的服务器</translation>
    </message>
    <message>
        <source>server “%1” has an unknown endpoint type “%2”</source>
        <translation>服务器“%1”的端点类型“%2”未知</translation>
    </message>
    <message>
        <source>server “%1” has no command</source>
        <translation>服务器“%1”没有命令</translation>
    </message>
    <message>
        <source>server “%1” has no valid URL</source>
        <translation>服务器“%1”没有有效的 URL</translation>
    </message>
</context>
<context>
    <name>ServerState</name>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>needs sign-in</source>
        <translation>需要登录</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>SignInStore</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot lock %1.</source>
        <translation>无法锁定 %1。</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
</context>
<context>
    <name>SseParser</name>
    <message>
        <source>The server sent an event larger than the limit of %1; the stream was stopped.</source>
        <translation>服务器发送的事件超过了 %1 的上限；已停止该事件流。</translation>
    </message>
</context>
<context>
    <name>ToolsPanel</name>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>The server says this tool changes nothing.</source>
        <translation>服务器称此工具不会更改任何内容。</translation>
    </message>
    <message>
        <source>destructive</source>
        <translation>破坏性</translation>
    </message>
    <message>
        <source>The server says this tool may change or delete things; McpDesk asks before running it.</source>
        <translation>服务器称此工具可能会更改或删除内容；McpDesk 会在运行前询问您。</translation>
    </message>
    <message>
        <source>idempotent</source>
        <translation>幂等</translation>
    </message>
    <message>
        <source>The server says calling it again with the same arguments changes nothing more.</source>
        <translation>服务器称以相同参数再次调用不会带来更多更改。</translation>
    </message>
    <message>
        <source>open-world</source>
        <translation>开放世界</translation>
    </message>
    <message>
        <source>The server says this tool reaches outside it (the internet, other systems).</source>
        <translation>服务器称此工具会访问其外部（互联网、其他系统）。</translation>
    </message>
</context>
<context>
    <name>mcpdesk::CallHistory</name>
    <message>
        <source>The call history “%1” could not be read: %2</source>
        <translation>无法读取调用历史“%1”：%2</translation>
    </message>
    <message>
        <source>The call history was damaged and has been set aside as “%1”; a new one is started.</source>
        <translation>调用历史已损坏，已另存为“%1”；已开始新的历史。</translation>
    </message>
    <message>
        <source>The call history could not be saved to “%1”: %2</source>
        <translation>无法将调用历史保存到“%1”：%2</translation>
    </message>
</context>
<context>
    <name>mcpdesk::ConfigStore</name>
    <message>
        <source>%1 (line %2)</source>
        <translation>%1（第 %2 行）</translation>
    </message>
    <message>
        <source>it has no &quot;servers&quot; list</source>
        <translation>其中没有 &quot;servers&quot; 列表</translation>
    </message>
    <message>
        <source>The server list in %1 could not be read: %2. A copy was kept as %3; McpDesk starts with the servers it could read.</source>
        <translation>无法读取 %1 中的服务器列表：%2。已将副本保存为 %3；McpDesk 会使用能读取的服务器启动。</translation>
    </message>
    <message>
        <source>The server list in %1 could not be read: %2. McpDesk could not keep a copy (%3), so it will not overwrite the file.</source>
        <translation>无法读取 %1 中的服务器列表：%2。McpDesk 无法保存副本（%3），因此不会覆盖该文件。</translation>
    </message>
    <message>
        <source>Cannot read the server list %1: %2</source>
        <translation>无法读取服务器列表 %1：%2</translation>
    </message>
    <message>
        <source>A server needs a name.</source>
        <translation>服务器需要一个名称。</translation>
    </message>
    <message>
        <source>There is no server “%1”.</source>
        <translation>没有名为“%1”的服务器。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the server list. Check that the path is a folder you can write to.</source>
        <translation>无法为服务器列表创建文件夹 %1。请确认该路径是您可以写入的文件夹。</translation>
    </message>
    <message>
        <source>Another McpDesk program is saving the server list; try again.</source>
        <translation>另一个 McpDesk 程序正在保存服务器列表，请重试。</translation>
    </message>
    <message>
        <source>Cannot lock the server list %1 for saving.</source>
        <translation>无法锁定服务器列表 %1 以进行保存。</translation>
    </message>
    <message>
        <source>Cannot keep a copy of %1 before removing the secrets it holds; it was not changed.</source>
        <translation>在删除 %1 中的密钥之前无法保存其副本；文件未被修改。</translation>
    </message>
    <message>
        <source>Cannot save the server list %1: %2</source>
        <translation>无法保存服务器列表 %1：%2</translation>
    </message>
    <message>
        <source>The server list %1 was damaged (%2). Servers recovered: %3; servers lost: %4. The damaged file was kept as %5.</source>
        <translation>服务器列表 %1 已损坏（%2）。已恢复的服务器：%3；丢失的服务器：%4。损坏的文件已保存为 %5。</translation>
    </message>
</context>
<context>
    <name>mcpdesk::HistoryPanel</name>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>清除历史</translation>
    </message>
    <message>
        <source>Forget every call made to this server?</source>
        <translation>要忘记对此服务器的所有调用吗？</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Pick two calls (Ctrl+click) to compare their results</source>
        <translation>选择两次调用（Ctrl+单击）以比较结果</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Values that looked secret were masked; Run again asks for them.</source>
        <translation>看似机密的值已被遮盖；再次运行时会请您填写。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>The result was %1; only its beginning was kept.</source>
        <translation>结果大小为 %1；仅保留了开头部分。</translation>
    </message>
    <message>
        <source>Compare results</source>
        <translation>比较结果</translation>
    </message>
</context>
<context>
    <name>mcpdesk::HttpClient</name>
    <message>
        <source>The server closed the connection before the answer was complete.</source>
        <translation>服务器在应答完整之前关闭了连接。</translation>
    </message>
    <message>
        <source>No connection to the server after %1 s.</source>
        <translation>%1 秒内未能连接到服务器。</translation>
    </message>
    <message>
        <source>The proxy %1 asks for a user name and password.</source>
        <translation>代理 %1 需要用户名和密码。</translation>
    </message>
    <message>
        <source>The proxy %1 refused the user name and password.</source>
        <translation>代理 %1 拒绝了该用户名和密码。</translation>
    </message>
    <message>
        <source>The answer is larger than %1 bytes; McpDesk stopped reading it.</source>
        <translation>应答超过 %1 字节；McpDesk 已停止读取。</translation>
    </message>
    <message>
        <source>The connection to %1 broke just after the request was sent, before any answer. It may have reached the server, so McpDesk did not send it again.</source>
        <translation>请求刚发出、尚无应答时，与 %1 的连接断开了。请求可能已到达服务器，因此 McpDesk 没有重新发送。</translation>
    </message>
    <message>
        <source>Could not reach the proxy %1: %2</source>
        <translation>无法连接代理 %1：%2</translation>
    </message>
    <message>
        <source>The proxy %1 failed: %2</source>
        <translation>代理 %1 出错：%2</translation>
    </message>
</context>
<context>
    <name>mcpdesk::HttpReply</name>
    <message>
        <source>The request was cancelled.</source>
        <translation>请求已取消。</translation>
    </message>
    <message>
        <source>%1 sent no complete answer within %2 s.</source>
        <translation>%1 在 %2 秒内没有发回完整的应答。</translation>
    </message>
    <message>
        <source>%1 sent nothing for %2 s; McpDesk gave up on the connection.</source>
        <translation>%1 已 %2 秒没有发送任何内容；McpDesk 放弃了该连接。</translation>
    </message>
</context>
<context>
    <name>mcpdesk::HttpResponseParser</name>
    <message>
        <source>The server&apos;s answer began with more than %1 KB of headers.</source>
        <translation>服务器的应答开头有超过 %1 KB 的标头。</translation>
    </message>
    <message>
        <source>The server did not answer in HTTP/1.1.</source>
        <translation>服务器没有用 HTTP/1.1 应答。</translation>
    </message>
    <message>
        <source>The server sent an HTTP status line McpDesk cannot read.</source>
        <translation>服务器发来的 HTTP 状态行 McpDesk 无法读取。</translation>
    </message>
    <message>
        <source>The server sent a broken chunked answer.</source>
        <translation>服务器发来的分块应答已损坏。</translation>
    </message>
    <message>
        <source>The server sent an invalid Content-Length.</source>
        <translation>服务器发来的 Content-Length 无效。</translation>
    </message>
    <message>
        <source>The server sent a header folded over two lines, which HTTP no longer allows.</source>
        <translation>服务器发送了折成两行的标头，HTTP 已不再允许这种写法。</translation>
    </message>
    <message>
        <source>The server framed its answer both by Transfer-Encoding and by Content-Length.</source>
        <translation>服务器同时用 Transfer-Encoding 和 Content-Length 划定回答的长度。</translation>
    </message>
    <message>
        <source>The server sent its answer with a transfer coding McpDesk does not read (%1).</source>
        <translation>服务器使用了 McpDesk 无法读取的传输编码发送回答（%1）。</translation>
    </message>
</context>
<context>
    <name>mcpdesk::HttpTransport</name>
    <message>
        <source>Could not connect to %1: the connection was refused. Is the server running?</source>
        <translation>无法连接到 %1：连接被拒绝。服务器在运行吗？</translation>
    </message>
    <message>
        <source>The server name “%1” could not be found (DNS lookup failed).</source>
        <translation>找不到服务器名称“%1”（DNS 查询失败）。</translation>
    </message>
    <message>
        <source>%1 closed the connection before answering.</source>
        <translation>%1 在应答之前关闭了连接。</translation>
    </message>
    <message>
        <source>The connection to %1 timed out.</source>
        <translation>连接 %1 超时。</translation>
    </message>
    <message>
        <source>The request to %1 was cancelled.</source>
        <translation>对 %1 的请求已取消。</translation>
    </message>
    <message>
        <source> (certificate for “%1”, issued by “%2”)</source>
        <translation>（证书颁发给“%1”，颁发者“%2”）</translation>
    </message>
    <message>
        <source>The secure connection to %1 could not be trusted: %2</source>
        <translation>与 %1 的安全连接不可信：%2</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2</source>
        <translation>与 %1 的安全连接失败：%2</translation>
    </message>
    <message>
        <source>Network error talking to %1: %2</source>
        <translation>与 %1 通信时出现网络错误：%2</translation>
    </message>
</context>
<context>
    <name>mcpdesk::IconLoader</name>
    <message>
        <source>Icon: %1</source>
        <translation>图标：%1</translation>
    </message>
    <message>
        <source>The icon is %1×%2 pixels; McpDesk draws none larger than 4096×4096.</source>
        <translation>该图标为 %1×%2 像素；McpDesk 不绘制大于 4096×4096 的图标。</translation>
    </message>
    <message>
        <source>The icon could not be read: %1</source>
        <translation>无法读取该图标：%1</translation>
    </message>
    <message>
        <source>The server gives more than %1 icons; the rest are not fetched.</source>
        <translation>服务器提供了超过 %1 个图标；其余的不会获取。</translation>
    </message>
    <message>
        <source>The icon is larger than %1 KB.</source>
        <translation>该图标大于 %1 KB。</translation>
    </message>
    <message>
        <source>The server answered HTTP %1 for the icon.</source>
        <translation>服务器对该图标返回了 HTTP %1。</translation>
    </message>
    <message>
        <source>The icon could not be fetched: %1</source>
        <translation>无法获取该图标：%1</translation>
    </message>
</context>
<context>
    <name>mcpdesk::JsonRpcEndpoint</name>
    <message>
        <source>The server did not answer “%1” within %2 seconds.</source>
        <translation>服务器在 %2 秒内没有回应“%1”。</translation>
    </message>
    <message>
        <source>“%1” was cancelled.</source>
        <translation>“%1”已取消。</translation>
    </message>
    <message>
        <source>A message from the server is not JSON-RPC 2.0 (the &quot;jsonrpc&quot; member is missing or not &quot;2.0&quot;).</source>
        <translation>服务器发来的消息不是 JSON-RPC 2.0（缺少 &quot;jsonrpc&quot; 成员或其值不是 &quot;2.0&quot;）。</translation>
    </message>
    <message>
        <source>The server sent a message that is neither a request, a notification nor a response.</source>
        <translation>服务器发来的消息既不是请求、通知，也不是响应。</translation>
    </message>
    <message>
        <source>The server answered “%1” with error %2: %3</source>
        <translation>服务器对“%1”返回了错误 %2：%3</translation>
    </message>
    <message>
        <source>(no message)</source>
        <translation>（无消息）</translation>
    </message>
</context>
<context>
    <name>mcpdesk::KeychainSecretStore</name>
    <message>
        <source>The system keychain is not available (%1).</source>
        <translation>系统钥匙串不可用（%1）。</translation>
    </message>
    <message>
        <source>The system keychain refused access (%1).</source>
        <translation>系统钥匙串拒绝访问（%1）。</translation>
    </message>
    <message>
        <source>The system keychain failed: %1</source>
        <translation>系统钥匙串出错：%1</translation>
    </message>
</context>
<context>
    <name>mcpdesk::LegacySseTransport</name>
    <message>
        <source>The server opened its event stream but never said where to send messages (no “endpoint” event).</source>
        <translation>服务器打开了事件流，但没有说明消息应发往何处（没有“endpoint”事件）。</translation>
    </message>
    <message>
        <source>The server asked for messages to be sent to another site (%1); McpDesk refused.</source>
        <translation>服务器要求将消息发送到另一个站点（%1）；McpDesk 已拒绝。</translation>
    </message>
    <message>
        <source>%1 needs you to sign in (HTTP %2).</source>
        <translation>%1 需要您登录（HTTP %2）。</translation>
    </message>
    <message>
        <source>The server answered HTTP %1 when McpDesk opened its event stream.</source>
        <translation>McpDesk 打开事件流时，服务器返回了 HTTP %1。</translation>
    </message>
    <message>
        <source>The server closed its event stream before it said where to send messages.</source>
        <translation>服务器在说明消息发往何处之前关闭了事件流。</translation>
    </message>
    <message>
        <source>The server closed the event stream; the connection is over.</source>
        <translation>服务器关闭了事件流；连接已结束。</translation>
    </message>
    <message>
        <source>The connection is closed.</source>
        <translation>连接已关闭。</translation>
    </message>
    <message>
        <source>The server refused the message (HTTP %1).</source>
        <translation>服务器拒绝了该消息（HTTP %1）。</translation>
    </message>
</context>
<context>
    <name>mcpdesk::LoopbackReceiver</name>
    <message>
        <source>The sign-in was not completed in time.</source>
        <translation>登录未在规定时间内完成。</translation>
    </message>
    <message>
        <source>Cannot wait for the browser on 127.0.0.1:%1: %2</source>
        <translation>无法在 127.0.0.1:%1 上等待浏览器：%2</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <source>Request too large</source>
        <translation>请求过大</translation>
    </message>
    <message>
        <source>McpDesk did not accept this request.</source>
        <translation>McpDesk 不接受此请求。</translation>
    </message>
    <message>
        <source>Bad request</source>
        <translation>错误的请求</translation>
    </message>
    <message>
        <source>McpDesk did not understand this request.</source>
        <translation>McpDesk 无法理解此请求。</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>McpDesk only accepts the browser&apos;s sign-in redirect here.</source>
        <translation>此处仅接受浏览器的登录跳转。</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>There is nothing here.</source>
        <translation>这里什么也没有。</translation>
    </message>
    <message>
        <source>Unknown sign-in</source>
        <translation>未知的登录</translation>
    </message>
    <message>
        <source>This link does not belong to the sign-in McpDesk is waiting for. Start the sign-in again from McpDesk.</source>
        <translation>此链接不属于 McpDesk 正在等待的登录。请从 McpDesk 重新开始登录。</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>The sign-in was not completed: %1. You can close this tab and return to McpDesk.</source>
        <translation>登录未完成：%1。您可以关闭此标签页并返回 McpDesk。</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <source>You can close this tab and return to McpDesk.</source>
        <translation>您可以关闭此标签页并返回 McpDesk。</translation>
    </message>
    <message>
        <source>This answer did not come from the sign-in server McpDesk asked, so McpDesk ignored it. You can close this tab and start the sign-in again from McpDesk.</source>
        <translation>此回应并非来自 McpDesk 所询问的登录服务器，McpDesk 已忽略它。您可以关闭此标签页，并从 McpDesk 重新开始登录。</translation>
    </message>
</context>
<context>
    <name>mcpdesk::MainWindow</name>
    <message>
        <source>%1 needs you to sign in</source>
        <translation>%1 需要您登录</translation>
    </message>
    <message>
        <source>Address copied.</source>
        <translation>地址已复制。</translation>
    </message>
    <message>
        <source>Removed “%1”. Undo with %2.</source>
        <translation>已删除“%1”。按 %2 撤销。</translation>
    </message>
    <message>
        <source>McpDesk</source>
        <translation>McpDesk</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Search servers</source>
        <translation>搜索服务器</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Welcome to McpDesk</source>
        <translation>欢迎使用 McpDesk</translation>
    </message>
    <message>
        <source>Connect MCP servers — GitHub, Notion, X or any other — and try their tools. Start with the demo server, add one of the presets, or enter any server&apos;s address.</source>
        <translation>连接 MCP 服务器（GitHub、Notion、X 或任何其他服务器）并试用它们的工具。可以先试试演示服务器，添加一个预设，或输入任意服务器的地址。</translation>
    </message>
    <message>
        <source>Try the demo server</source>
        <translation>试用演示服务器</translation>
    </message>
    <message>
        <source>Add a server…</source>
        <translation>添加服务器…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sign-in address</source>
        <translation>登录地址</translation>
    </message>
    <message>
        <source>&amp;Add server…</source>
        <translation>添加服务器(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit server…</source>
        <translation>编辑服务器(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove server</source>
        <translation>删除服务器(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo remove</source>
        <translation>撤销删除(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>登录(&amp;I)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Tokens…</source>
        <translation>令牌(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>端点：</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>协议：</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Capabilities:</source>
        <translation>功能：</translation>
    </message>
    <message>
        <source>Next attempt at %1.</source>
        <translation>下次尝试时间：%1。</translation>
    </message>
    <message>
        <source>Waiting for you to sign in at %1 in your browser. If no browser opened, open this address:</source>
        <translation>正在等待您在浏览器中登录 %1。如果没有打开浏览器，请打开此地址：</translation>
    </message>
    <message>
        <source>%1 needs you to sign in.</source>
        <translation>%1 需要您登录。</translation>
    </message>
    <message>
        <source>Server not added</source>
        <translation>未添加服务器</translation>
    </message>
    <message>
        <source>Server not saved</source>
        <translation>未保存服务器</translation>
    </message>
    <message>
        <source>Import servers</source>
        <translation>导入服务器</translation>
    </message>
    <message>
        <source>MCP client settings (*.json);;All files (*)</source>
        <translation>MCP 客户端设置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export servers</source>
        <translation>导出服务器</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>&amp;Import from another client…</source>
        <translation>从其他客户端导入(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>From %1, %n server(s) will be added:</source>
        <translation>
            <numerusform>将从 %1 添加 %n 个服务器：</numerusform>
        </translation>
    </message>
    <message>
        <source>These secrets go to the system keychain, not to McpDesk&apos;s settings:</source>
        <translation>以下密钥将存入系统钥匙串，而不是 McpDesk 的设置：</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n server(s), without their secrets.</source>
        <translation>
            <numerusform>已导出 %n 个服务器，不含其密钥。</numerusform>
        </translation>
    </message>
    <message>
        <source>Code copied.</source>
        <translation>代码已复制。</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>Code to enter</source>
        <translation>要输入的代码</translation>
    </message>
    <message>
        <source>Open %1 and enter this code:</source>
        <translation>打开 %1 并输入此代码：</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Share a folder with this server</source>
        <translation>与此服务器共享文件夹</translation>
    </message>
    <message>
        <source>Folders this server may see (roots):</source>
        <translation>此服务器可见的文件夹（roots）：</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>通信</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Program: %1</source>
        <translation>程序：%1</translation>
    </message>
    <message>
        <source>Argument %1: %2</source>
        <translation>参数 %1：%2</translation>
    </message>
    <message>
        <source>Working directory: %1</source>
        <translation>工作目录：%1</translation>
    </message>
    <message>
        <source>McpDesk&apos;s own</source>
        <translation>McpDesk 自身的目录</translation>
    </message>
    <message>
        <source>Environment variables: %1</source>
        <translation>环境变量：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Review and enable…</source>
        <translation>检查并启用…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Allow these commands to run (otherwise they are added without being started, and each can be reviewed and enabled later)</source>
        <translation>允许运行这些命令（否则只添加而不启动，之后可逐个检查并启用）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Review %1</source>
        <translation>检查 %1</translation>
    </message>
    <message>
        <source>%1 was added from elsewhere. McpDesk will run this command on your computer, with your permissions, when you enable it:</source>
        <translation>%1 是从其他地方添加的。启用后，McpDesk 将以您的权限在您的电脑上运行此命令：</translation>
    </message>
    <message>
        <source>Enable and start</source>
        <translation>启用并启动</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About McpDesk</source>
        <translation>关于 McpDesk(&amp;A)</translation>
    </message>
    <message>
        <source>About McpDesk</source>
        <translation>关于 McpDesk</translation>
    </message>
    <message>
        <source>The desktop client for MCP servers: connect them, try their tools, and manage their sign-ins.</source>
        <translation>MCP 服务器的桌面客户端：连接服务器、试用其工具并管理登录。</translation>
    </message>
    <message>
        <source>License: %1 (Apache License 2.0)
Qt %2 · qtkeychain %3 · zlib %4</source>
        <translation>许可证：%1（Apache 许可证 2.0）
Qt %2 · qtkeychain %3 · zlib %4</translation>
    </message>
    <message>
        <source>Third-party notices:</source>
        <translation>第三方声明：</translation>
    </message>
    <message>
        <source>Detect again</source>
        <translation>重新检测</translation>
    </message>
    <message>
        <source>Forget which version of MCP this server was found to speak, and connect again to find out</source>
        <translation>忘记此服务器所用的 MCP 版本，重新连接以再次检测</translation>
    </message>
    <message>
        <source>Era:</source>
        <translation>协议世代：</translation>
    </message>
    <message>
        <source>modern (2026-07-28 and later)</source>
        <translation>新版（2026-07-28 及以后）</translation>
    </message>
    <message>
        <source>legacy (2025-11-25 and earlier)</source>
        <translation>旧版（2025-11-25 及以前）</translation>
    </message>
    <message>
        <source>%1, detected %2</source>
        <translation>%1，检测于 %2</translation>
    </message>
    <message>
        <source>%1, remembered from %2</source>
        <translation>%1，沿用 %2 的检测结果</translation>
    </message>
    <message>
        <source>%1, pinned in the server&apos;s settings</source>
        <translation>%1，已在服务器设置中固定</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Icon: %1</source>
        <translation>图标：%1</translation>
    </message>
</context>
<context>
    <name>mcpdesk::McpSession</name>
    <message>
        <source>The connection was closed.</source>
        <translation>连接已关闭。</translation>
    </message>
    <message>
        <source>The server did not say which protocol version it speaks.</source>
        <translation>服务器没有说明它使用哪个协议版本。</translation>
    </message>
    <message>
        <source>The server speaks MCP protocol version %1, which McpDesk does not support (McpDesk asked for %2 and also speaks %3).</source>
        <translation>服务器使用 MCP 协议版本 %1，McpDesk 不支持该版本（McpDesk 请求的是 %2，另外还支持 %3）。</translation>
    </message>
    <message>
        <source>The server&apos;s “%1” pages never end (cursor “%2” came back).</source>
        <translation>服务器的“%1”分页永无止境（游标“%2”重复出现）。</translation>
    </message>
    <message>
        <source>This server does not offer log messages.</source>
        <translation>此服务器不提供日志消息。</translation>
    </message>
    <message>
        <source>The server keeps forgetting the session (HTTP 404 again and again); McpDesk stopped trying.</source>
        <translation>服务器一再遗忘会话（反复返回 HTTP 404）；McpDesk 已停止重试。</translation>
    </message>
    <message>
        <source>The server changed its protocol version from %1 to %2 when the session was renewed.</source>
        <translation>会话续期时，服务器把协议版本从 %1 改成了 %2。</translation>
    </message>
    <message>
        <source>The server does not speak MCP %1; it speaks %2.</source>
        <translation>服务器不支持 MCP %1；它支持 %2。</translation>
    </message>
    <message>
        <source>other versions</source>
        <translation>其他版本</translation>
    </message>
    <message>
        <source>The server does not speak MCP %1 (its answer to server/discover names no protocol versions).</source>
        <translation>服务器不支持 MCP %1（它对 server/discover 的应答中没有列出任何协议版本）。</translation>
    </message>
    <message>
        <source>The server speaks MCP %1, which McpDesk does not support (McpDesk speaks %2).</source>
        <translation>服务器使用 MCP %1，McpDesk 不支持（McpDesk 支持 %2）。</translation>
    </message>
    <message>
        <source>The server does not speak MCP %1. %2</source>
        <translation>服务器不支持 MCP %1。%2</translation>
    </message>
    <message>
        <source>The server does not speak MCP %1 (it answered server/discover as a server of an earlier version does: %2). Let McpDesk choose the version, or pin an earlier one.</source>
        <translation>服务器不支持 MCP %1（它对 server/discover 的应答与较早版本的服务器相同：%2）。请让 McpDesk 自动选择版本，或指定一个较早的版本。</translation>
    </message>
    <message>
        <source>McpDesk does not call the tool “%1”: it asks for a header that is not valid (%2).</source>
        <translation>McpDesk 不会调用工具“%1”：它要求的请求头无效（%2）。</translation>
    </message>
    <message>
        <source>The server answered “%1” with a result of type “%2”, which McpDesk does not know.</source>
        <translation>服务器对“%1”返回了类型为“%2”的结果，McpDesk 无法识别该类型。</translation>
    </message>
    <message>
        <source>The server refused MCP %1 for “%2”. %3</source>
        <translation>服务器拒绝以 MCP %1 处理“%2”。%3</translation>
    </message>
    <message>
        <source>The server refused the headers McpDesk sent with “%1”. %2</source>
        <translation>服务器拒绝了 McpDesk 随“%1”发送的请求头。%2</translation>
    </message>
    <message>
        <source>The server needs McpDesk to offer %1 for “%2”, which McpDesk does not offer on this server.</source>
        <translation>服务器要求 McpDesk 为“%2”提供 %1，但 McpDesk 在此服务器上不提供该功能。</translation>
    </message>
    <message>
        <source>a feature</source>
        <translation>某项功能</translation>
    </message>
    <message>
        <source>The server asked for more input %1 times for “%2”; McpDesk stopped there.</source>
        <translation>服务器为“%2”已 %1 次要求更多输入；McpDesk 已停止。</translation>
    </message>
    <message>
        <source>The server asked for more input for “%1” but said neither what nor how to go on.</source>
        <translation>服务器为“%1”要求更多输入，但既没有说明需要什么，也没有说明如何继续。</translation>
    </message>
    <message>
        <source>The server asked, for “%1”, for %2, which McpDesk could not give: %3</source>
        <translation>服务器为“%1”请求 %2，McpDesk 无法提供：%3</translation>
    </message>
    <message>
        <source>The server asked for more input to finish “%1”, which only a tool call, a prompt or a resource may do.</source>
        <translation>服务器要求更多输入才能完成“%1”，但只有工具调用、提示或资源才可以这样做。</translation>
    </message>
    <message>
        <source>The server does not send updates of %1.</source>
        <translation>服务器不发送 %1 的更新。</translation>
    </message>
    <message>
        <source>The server ended the stream of change notifications.</source>
        <translation>服务器结束了变更通知流。</translation>
    </message>
    <message>
        <source>The connection broke while the server was running “%1”, so it may have run; McpDesk did not call it again. (%2)</source>
        <translation>服务器运行“%1”时连接中断，它可能已经运行；McpDesk 没有再次调用它。（%2）</translation>
    </message>
    <message>
        <source>This server does not offer completions.</source>
        <translation>此服务器不提供补全。</translation>
    </message>
</context>
<context>
    <name>mcpdesk::OAuthClient</name>
    <message>
        <source>The sign-in works for now but will not be kept: %1</source>
        <translation>登录暂时有效，但不会被保存：%1</translation>
    </message>
    <message>
        <source>%1 needs you to sign in.</source>
        <translation>%1 需要您登录。</translation>
    </message>
    <message>
        <source>%1 refused access with this sign-in.</source>
        <translation>%1 拒绝了此登录的访问。</translation>
    </message>
    <message numerus="yes">
        <source>The server keeps refusing after %n sign-in(s); McpDesk stopped asking. It may want permissions this account cannot grant.</source>
        <translation>
            <numerusform>登录 %n 次后服务器仍然拒绝；McpDesk 已停止请求。它可能需要此账户无法授予的权限。</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking up how to sign in to %1…</source>
        <translation>正在查找登录 %1 的方式…</translation>
    </message>
    <message>
        <source>The sign-in server %1 does not support PKCE with S256, which McpDesk requires to keep your sign-in safe.</source>
        <translation>登录服务器 %1 不支持 S256 方式的 PKCE，而 McpDesk 需要它来保证登录安全。</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <source>The sign-in server %1 does not let McpDesk register itself. Register an app with it and enter its client ID (and secret, if it has one) in this server&apos;s settings.</source>
        <translation>登录服务器 %1 不允许 McpDesk 自行注册。请在该服务器上注册一个应用，并在此服务器的设置中填写其客户端 ID（如有密钥也一并填写）。</translation>
    </message>
    <message>
        <source>Registering McpDesk with %1…</source>
        <translation>正在向 %1 注册 McpDesk…</translation>
    </message>
    <message>
        <source>McpDesk could not register with the sign-in server: %1</source>
        <translation>McpDesk 无法向登录服务器注册：%1</translation>
    </message>
    <message>
        <source>The sign-in server gave an address McpDesk will not open in a browser: %1</source>
        <translation>登录服务器给出的地址 McpDesk 不会在浏览器中打开：%1</translation>
    </message>
    <message>
        <source>Waiting for you to sign in in the browser…</source>
        <translation>正在等待您在浏览器中登录…</translation>
    </message>
    <message>
        <source>The browser could not be opened; open the address shown yourself.</source>
        <translation>无法打开浏览器；请自行打开显示的地址。</translation>
    </message>
    <message>
        <source>You declined the sign-in.</source>
        <translation>您拒绝了登录。</translation>
    </message>
    <message>
        <source>The sign-in server refused: %1</source>
        <translation>登录服务器拒绝：%1</translation>
    </message>
    <message>
        <source>The sign-in answer did not come from %1; McpDesk ignored it.</source>
        <translation>登录应答并非来自 %1；McpDesk 已忽略它。</translation>
    </message>
    <message>
        <source>The sign-in server sent no authorization code.</source>
        <translation>登录服务器没有发送授权码。</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>Finishing the sign-in…</source>
        <translation>正在完成登录…</translation>
    </message>
    <message>
        <source>The sign-in server did not give a token: %1</source>
        <translation>登录服务器没有给出令牌：%1</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>已登录。</translation>
    </message>
    <message>
        <source>There is no way to renew the sign-in; sign in again.</source>
        <translation>无法续期此登录；请重新登录。</translation>
    </message>
    <message>
        <source>Your sign-in to %1 could not be renewed (%2); sign in again.</source>
        <translation>您对 %1 的登录无法续期（%2）；请重新登录。</translation>
    </message>
    <message>
        <source>The server could not be told to revoke the sign-in (%1); it was forgotten here.</source>
        <translation>无法通知服务器撤销此登录（%1）；已在本地删除。</translation>
    </message>
    <message>
        <source>McpDesk has no sign-in preset called “%1”.</source>
        <translation>McpDesk 没有名为“%1”的登录预设。</translation>
    </message>
    <message>
        <source>Signing in to %1 needs the client ID of your own %1 app; enter it in this server&apos;s settings.</source>
        <translation>登录 %1 需要您自己的 %1 应用的客户端 ID；请在此服务器的设置中填写。</translation>
    </message>
    <message>
        <source>%1 does not offer signing in with a code.</source>
        <translation>%1 不支持用代码登录。</translation>
    </message>
    <message>
        <source>%1 requires the client secret of your app for this sign-in; enter it in this server&apos;s settings.</source>
        <translation>此登录方式需要您应用在 %1 的客户端密钥；请在此服务器的设置中填写。</translation>
    </message>
    <message>
        <source>The sign-in server gave no code to enter: %1</source>
        <translation>登录服务器没有给出要输入的代码：%1</translation>
    </message>
    <message>
        <source>Enter the code %1 at %2.</source>
        <translation>请在 %2 输入代码 %1。</translation>
    </message>
    <message>
        <source>The code expired before it was entered; sign in again.</source>
        <translation>代码在输入之前已过期；请重新登录。</translation>
    </message>
    <message>
        <source>The keychain went away before the sign-in was forgotten.</source>
        <translation>在忘记登录信息之前，钥匙串已不可用。</translation>
    </message>
    <message>
        <source>The sign-in was declined. The sign-in server said: “%1”</source>
        <translation>登录被拒绝。登录服务器说明：“%1”</translation>
    </message>
    <message>
        <source>The sign-in server refused (%1): “%2”</source>
        <translation>登录服务器拒绝了（%1）：“%2”</translation>
    </message>
</context>
<context>
    <name>mcpdesk::OAuthDiscovery</name>
    <message>
        <source>Cannot sign in: %1</source>
        <translation>无法登录：%1</translation>
    </message>
    <message>
        <source>The server&apos;s sign-in information is for “%1”, not for %2. McpDesk did not sign in, because the token could be sent to the wrong place.</source>
        <translation>服务器的登录信息属于“%1”，而不是 %2。McpDesk 没有登录，因为令牌可能会被发送到错误的地方。</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The server does not name a sign-in server.</source>
        <translation>服务器没有指明登录服务器。</translation>
    </message>
    <message>
        <source>The sign-in server %1 publishes no metadata McpDesk can use.</source>
        <translation>登录服务器 %1 没有发布 McpDesk 可用的元数据。</translation>
    </message>
    <message>
        <source>The sign-in server&apos;s metadata names issuer “%1” instead of “%2”; McpDesk did not trust it.</source>
        <translation>登录服务器的元数据声明的颁发者是“%1”而不是“%2”；McpDesk 不信任它。</translation>
    </message>
    <message>
        <source>The sign-in server %1 has no token endpoint.</source>
        <translation>登录服务器 %1 没有令牌端点。</translation>
    </message>
</context>
<context>
    <name>mcpdesk::PromptsPanel</name>
    <message>
        <source>Prompts</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Get prompt</source>
        <translation>获取提示</translation>
    </message>
    <message>
        <source>Check the arguments: %1</source>
        <translation>请检查参数：%1</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>正在询问服务器…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s).</source>
        <translation>
            <numerusform>%n 条消息。</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for your answer in the server&apos;s window…</source>
        <translation>正在等待您在服务器窗口中的回答…</translation>
    </message>
</context>
<context>
    <name>mcpdesk::ResourcesPanel</name>
    <message>
        <source>Resources</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>Watch for changes</source>
        <translation>关注变化</translation>
    </message>
    <message>
        <source>Subscribe: the server says when this resource changes, and it is read again</source>
        <translation>订阅：服务器会在该资源变化时通知，并重新读取</translation>
    </message>
    <message>
        <source>Resources (%1)</source>
        <translation>资源（%1）</translation>
    </message>
    <message>
        <source>Templates (%1)</source>
        <translation>模板（%1）</translation>
    </message>
    <message>
        <source>Fill in: %1</source>
        <translation>请填写：%1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Updated by the server; read again at %1.</source>
        <translation>服务器已更新；于 %1 重新读取。</translation>
    </message>
    <message>
        <source>Read at %1.</source>
        <translation>读取于 %1。</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>二进制</translation>
    </message>
    <message>
        <source>Save %1…</source>
        <translation>保存 %1…</translation>
    </message>
    <message>
        <source>Save resource</source>
        <translation>保存资源</translation>
    </message>
    <message>
        <source>The server refused to report changes: %1</source>
        <translation>服务器拒绝报告变化：%1</translation>
    </message>
    <message>
        <source>Waiting for your answer in the server&apos;s window…</source>
        <translation>正在等待您在服务器窗口中的回答…</translation>
    </message>
</context>
<context>
    <name>mcpdesk::RpcReply</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>mcpdesk::ServerDialog</name>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Everything demo</source>
        <translation>Everything 演示</translation>
    </message>
    <message>
        <source>GitHub</source>
        <translation>GitHub</translation>
    </message>
    <message>
        <source>GitHub hosted MCP</source>
        <translation>GitHub 托管 MCP</translation>
    </message>
    <message>
        <source>Notion</source>
        <translation>Notion</translation>
    </message>
    <message>
        <source>Notion hosted MCP</source>
        <translation>Notion 托管 MCP</translation>
    </message>
    <message>
        <source>X/Twitter</source>
        <translation>X/Twitter</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>Streamable HTTP</source>
        <translation>Streamable HTTP</translation>
    </message>
    <message>
        <source>HTTP+SSE (older servers)</source>
        <translation>HTTP+SSE（旧版服务器）</translation>
    </message>
    <message>
        <source>Local program (stdio)</source>
        <translation>本地程序（stdio）</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>传输方式(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>命令(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Arguments:</source>
        <translation>参数(&amp;A)：</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>环境变量(&amp;E)：</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation>请求头(&amp;H)：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>OAuth (found by the server)</source>
        <translation>OAuth（由服务器提供）</translation>
    </message>
    <message>
        <source>Provider preset</source>
        <translation>服务商预设</translation>
    </message>
    <message>
        <source>OAuth with my own client ID</source>
        <translation>使用我自己的客户端 ID 的 OAuth</translation>
    </message>
    <message>
        <source>Static bearer token</source>
        <translation>静态 Bearer 令牌</translation>
    </message>
    <message>
        <source>&amp;Sign-in:</source>
        <translation>登录方式(&amp;S)：</translation>
    </message>
    <message>
        <source>Pro&amp;vider:</source>
        <translation>服务商(&amp;V)：</translation>
    </message>
    <message>
        <source>space-separated; empty: what the server asks for</source>
        <translation>以空格分隔；留空则使用服务器要求的范围</translation>
    </message>
    <message>
        <source>Sc&amp;opes:</source>
        <translation>权限范围(&amp;O)：</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>客户端 ID(&amp;I)：</translation>
    </message>
    <message>
        <source>kept in the system keychain</source>
        <translation>保存在系统钥匙串中</translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation>客户端密钥(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Extra &amp;CA certificate:</source>
        <translation>额外的 CA 证书(&amp;C)：</translation>
    </message>
    <message>
        <source>Connect when McpDesk starts</source>
        <translation>McpDesk 启动时连接</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Give the server a name.</source>
        <translation>请为服务器命名。</translation>
    </message>
    <message>
        <source>Enter the command that starts the server.</source>
        <translation>请输入启动服务器的命令。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, starting with https:// (or http://).</source>
        <translation>请输入服务器地址，以 https://（或 http://）开头。</translation>
    </message>
    <message>
        <source>Enter the client ID of the app you registered with the provider.</source>
        <translation>请输入您在服务商处注册的应用的客户端 ID。</translation>
    </message>
    <message>
        <source>Enter the token.</source>
        <translation>请输入令牌。</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>unchanged (kept in the system keychain)</source>
        <translation>未更改（保存在系统钥匙串中）</translation>
    </message>
    <message>
        <source>GitHub (hosted)</source>
        <translation>GitHub（托管）</translation>
    </message>
    <message>
        <source>Notion (hosted)</source>
        <translation>Notion（托管）</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected to “%1” (protocol %2, %3).</source>
        <translation>已连接到“%1”（协议 %2，%3）。</translation>
    </message>
    <message>
        <source>The server answered and needs a sign-in: %1</source>
        <translation>服务器已响应，需要登录：%1</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>无法连接：%1</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>测试结果</translation>
    </message>
    <message>
        <source>Find out (recommended)</source>
        <translation>自动检测（推荐）</translation>
    </message>
    <message>
        <source>A server that does not speak the version chosen here is not reached: choose one only for a server that needs it</source>
        <translation>不支持此处所选版本的服务器将无法连接：仅在服务器需要时才选择固定版本</translation>
    </message>
    <message>
        <source>MCP ve&amp;rsion:</source>
        <translation>MCP 版本(&amp;R)：</translation>
    </message>
    <message>
        <source>%1 (not one McpDesk speaks: detected instead)</source>
        <translation>%1（McpDesk 不支持此版本：改为自动检测）</translation>
    </message>
</context>
<context>
    <name>mcpdesk::ServerListModel</name>
    <message>
        <source>signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>未登录</translation>
    </message>
    <message numerus="yes">
        <source>error — retrying in %n s</source>
        <translation>
            <numerusform>错误 — %n 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <source>error — retrying now</source>
        <translation>错误 — 正在重试</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>its command awaits your review</source>
        <translation>其命令等待您检查</translation>
    </message>
</context>
<context>
    <name>mcpdesk::ServerManager</name>
    <message>
        <source>Looking up how to sign in…</source>
        <translation>正在查找登录方式…</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <source>Name the environment variable that receives the token (token_env).</source>
        <translation>请指定接收令牌的环境变量（token_env）。</translation>
    </message>
    <message>
        <source>Sign in to start this server.</source>
        <translation>登录后才能启动此服务器。</translation>
    </message>
    <message>
        <source>Not started: it was added from elsewhere. Review its command and enable it.</source>
        <translation>未启动：它是从其他地方添加的。请检查其命令后再启用。</translation>
    </message>
    <message>
        <source>changes on the server are not shown as they happen: %1</source>
        <translation>服务器上的变更无法即时显示：%1</translation>
    </message>
</context>
<context>
    <name>mcpdesk::ServerRequests</name>
    <message>
        <source>%1 asks for information</source>
        <translation>%1 请求信息</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; asks:</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 请求：</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 asks you to open a web page</source>
        <translation>%1 请求您打开网页</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; asks you to open a web page:</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 请求您打开网页：</translation>
    </message>
    <message>
        <source>Site: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>网站：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>This is not a web address McpDesk will open.</source>
        <translation>这不是 McpDesk 会打开的网址。</translation>
    </message>
    <message>
        <source>The page is not encrypted (http).</source>
        <translation>该网页未加密（http）。</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>在浏览器中打开</translation>
    </message>
    <message>
        <source>%1 asks for a reply</source>
        <translation>%1 请求回复</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; asks for a reply to these messages (you write it; no model is asked):</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 请求回复以下消息（由您撰写，不会调用任何模型）：</translation>
    </message>
    <message>
        <source>System: %1</source>
        <translation>系统：%1</translation>
    </message>
    <message>
        <source>At most %1 tokens.</source>
        <translation>最多 %1 个令牌。</translation>
    </message>
    <message>
        <source>Your reply</source>
        <translation>您的回复</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>发送回复</translation>
    </message>
</context>
<context>
    <name>mcpdesk::ServerTextView</name>
    <message numerus="yes">
        <source>%n image(s) in this text not loaded.</source>
        <translation>
            <numerusform>此文本中有 %n 张图片未加载。</numerusform>
        </translation>
    </message>
    <message>
        <source>Show images</source>
        <translation>显示图片</translation>
    </message>
    <message>
        <source>Open this address?</source>
        <translation>打开此地址？</translation>
    </message>
    <message>
        <source>The server&apos;s text links to an address that is not a secure web page. Open it?</source>
        <translation>服务器的文本链接到一个不是安全网页的地址。要打开它吗？</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>mcpdesk::SettingsDialog</name>
    <message>
        <source>Enter the proxy&apos;s host name.</source>
        <translation>请输入代理的主机名。</translation>
    </message>
    <message>
        <source>Used for the next connection to a server (never for servers on this computer).</source>
        <translation>用于下一次连接服务器（本机上的服务器从不经过代理）。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>MCP &amp;version:</source>
        <translation>MCP 版本(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>代理(&amp;P)：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Find out (recommended)</source>
        <translation>自动检测（推荐）</translation>
    </message>
    <message>
        <source>Asked for where a server&apos;s own settings name no version; a server that does not speak it is not reached</source>
        <translation>用于未在自身设置中指定版本的服务器；不支持该版本的服务器将无法连接</translation>
    </message>
    <message>
        <source>&amp;System settings</source>
        <translation>系统设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;No proxy</source>
        <translation>不使用代理(&amp;N)</translation>
    </message>
    <message>
        <source>Th&amp;is proxy:</source>
        <translation>使用此代理(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Kept in the system keychain</source>
        <translation>保存在系统钥匙串中</translation>
    </message>
    <message>
        <source>Op&amp;en</source>
        <translation>打开(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>mcpdesk::SignInHttp</name>
    <message>
        <source>the server %1 pointed McpDesk at the internal address %2, which it refused to contact</source>
        <translation>服务器 %1 让 McpDesk 访问内部地址 %2，McpDesk 已拒绝连接</translation>
    </message>
    <message>
        <source>%1 redirected a sign-in request from https to %2, which McpDesk refused</source>
        <translation>%1 将登录请求从 https 重定向到 %2，McpDesk 已拒绝</translation>
    </message>
    <message>
        <source>%1 redirected a sign-in request to %2; McpDesk does not send it to another site</source>
        <translation>%1 将登录请求重定向到 %2；McpDesk 不会把它发送到其他网站</translation>
    </message>
    <message>
        <source>%1 did not answer in time (%2 s)</source>
        <translation>%1 未能及时回答（%2 秒）</translation>
    </message>
    <message>
        <source>could not reach %1 (%2)</source>
        <translation>无法访问 %1（%2）</translation>
    </message>
</context>
<context>
    <name>mcpdesk::StdioTransport</name>
    <message>
        <source>The server process is not running.</source>
        <translation>服务器进程未在运行。</translation>
    </message>
    <message>
        <source>(not JSON on stdout) %1</source>
        <translation>（标准输出中的非 JSON 内容）%1</translation>
    </message>
    <message>
        <source>The server wrote a line longer than %1 to its output; the connection was stopped.</source>
        <translation>服务器向输出写入了超过 %1 的一行；连接已停止。</translation>
    </message>
    <message>
        <source>The server process “%1” stopped unexpectedly (it crashed or was killed).</source>
        <translation>服务器进程“%1”意外停止（崩溃或被终止）。</translation>
    </message>
    <message>
        <source>The server process “%1” exited with code %2.</source>
        <translation>服务器进程“%1”已退出，退出码为 %2。</translation>
    </message>
    <message numerus="yes">
        <source>It wrote %n line(s) that are not MCP messages to its output, the first: “%1”.</source>
        <translation>
            <numerusform>它向输出写入了 %n 行不是 MCP 消息的内容，第一行：“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Its last message: “%1”.</source>
        <translation>它的最后一条消息：“%1”。</translation>
    </message>
    <message>
        <source>Could not start the server “%1”: %2</source>
        <translation>无法启动服务器“%1”：%2</translation>
    </message>
</context>
<context>
    <name>mcpdesk::StreamableHttpTransport</name>
    <message>
        <source>The connection is closed.</source>
        <translation>连接已关闭。</translation>
    </message>
    <message>
        <source>The server&apos;s answer is larger than %1 MB.</source>
        <translation>服务器的应答超过了 %1 MB。</translation>
    </message>
    <message>
        <source>The server sent a message that is not valid JSON (%1 at byte %2).</source>
        <translation>服务器发来的消息不是有效的 JSON（%1，位于第 %2 字节）。</translation>
    </message>
    <message>
        <source>The server sent JSON that is not a JSON-RPC message.</source>
        <translation>服务器发来的 JSON 不是 JSON-RPC 消息。</translation>
    </message>
    <message>
        <source>the server sent an HTML page</source>
        <translation>服务器发送了一个 HTML 页面</translation>
    </message>
    <message>
        <source>%1 needs you to sign in (HTTP %2).</source>
        <translation>%1 需要您登录（HTTP %2）。</translation>
    </message>
    <message>
        <source>%1 refused access (HTTP %2).</source>
        <translation>%1 拒绝访问（HTTP %2）。</translation>
    </message>
    <message>
        <source>The server no longer knows this session (HTTP 404).</source>
        <translation>服务器已不再识别此会话（HTTP 404）。</translation>
    </message>
    <message>
        <source>The server answered HTTP %1.</source>
        <translation>服务器返回了 HTTP %1。</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详情：%1</translation>
    </message>
    <message>
        <source>The event stream from the server broke off before the answer arrived: %1</source>
        <translation>应答到达之前，来自服务器的事件流中断了：%1</translation>
    </message>
    <message>
        <source>The server answered with “%1” instead of JSON or an event stream: %2</source>
        <translation>服务器返回的是“%1”，而不是 JSON 或事件流：%2</translation>
    </message>
    <message>
        <source>The server closed the event stream before it sent the answer.</source>
        <translation>服务器在发送应答之前关闭了事件流。</translation>
    </message>
    <message>
        <source>The server sent no answer to “%1” (HTTP %2).</source>
        <translation>服务器没有对“%1”作出应答（HTTP %2）。</translation>
    </message>
    <message>
        <source>The server did not resume the event stream with the answer.</source>
        <translation>服务器没有通过恢复的事件流发送应答。</translation>
    </message>
    <message>
        <source>The event stream broke off and the server cannot resume it (HTTP 405).</source>
        <translation>事件流中断，且服务器无法恢复它（HTTP 405）。</translation>
    </message>
    <message>
        <source>The server redirected to %1, another site (HTTP %2). McpDesk does not follow such redirects, so that what it sends this server (and its sign-in) goes nowhere else; use that address if you trust it.</source>
        <translation>服务器重定向到另一个网站 %1（HTTP %2）。McpDesk 不会跟随此类重定向，以确保发送给此服务器的内容（及其登录信息）不会被发往别处；如果您信任该地址，请直接使用它。</translation>
    </message>
</context>
<context>
    <name>mcpdesk::TokensDialog</name>
    <message>
        <source>Sign-ins</source>
        <translation>登录信息</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>Scopes asked</source>
        <translation>请求的范围</translation>
    </message>
    <message>
        <source>Scopes granted</source>
        <translation>授予的范围</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>剩余有效期</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>刷新令牌</translation>
    </message>
    <message>
        <source>Last refresh</source>
        <translation>上次刷新</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>立即刷新</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Reveal token</source>
        <translation>显示令牌</translation>
    </message>
    <message>
        <source>Copy token</source>
        <translation>复制令牌</translation>
    </message>
    <message>
        <source>Tokens are kept in the system keychain. Sign out also revokes the sign-in where the server allows it.</source>
        <translation>令牌保存在系统钥匙串中。在服务器允许的情况下，退出登录也会撤销该登录。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>不过期</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
</context>
<context>
    <name>mcpdesk::ToolForm</name>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Shape %1</source>
        <translation>结构 %1</translation>
    </message>
    <message>
        <source>This tool takes no arguments.</source>
        <translation>此工具不需要参数。</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>mcpdesk::ToolsPanel</name>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>destructive</source>
        <translation>破坏性</translation>
    </message>
    <message>
        <source>idempotent</source>
        <translation>幂等</translation>
    </message>
    <message>
        <source>open-world</source>
        <translation>开放世界</translation>
    </message>
    <message>
        <source>Search tools</source>
        <translation>搜索工具</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Arguments as JSON</source>
        <translation>JSON 格式的参数</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Structured</source>
        <translation>结构化</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>复制为 JSON</translation>
    </message>
    <message>
        <source>Copy as mcpdesk-cli command</source>
        <translation>复制为 mcpdesk-cli 命令</translation>
    </message>
    <message>
        <source>Check the arguments: %1</source>
        <translation>请检查参数：%1</translation>
    </message>
    <message>
        <source>Run a destructive tool?</source>
        <translation>运行破坏性工具？</translation>
    </message>
    <message>
        <source>“%1” says it may change or delete things. Run it with these arguments?

%2</source>
        <translation>“%1”表示它可能修改或删除内容。要用以下参数运行吗？

%2</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Cancelled in McpDesk</source>
        <translation>已在 McpDesk 中取消</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Failed after %1: %2</source>
        <translation>%1 后失败：%2</translation>
    </message>
    <message>
        <source>The tool reported an error (%1).</source>
        <translation>工具报告了错误（%1）。</translation>
    </message>
    <message>
        <source>Done in %1.</source>
        <translation>用时 %1 完成。</translation>
    </message>
    <message>
        <source>Matches the tool&apos;s output schema.</source>
        <translation>符合该工具的输出模式。</translation>
    </message>
    <message>
        <source>Does not match the tool&apos;s output schema: %1</source>
        <translation>不符合该工具的输出模式：%1</translation>
    </message>
    <message>
        <source>Save audio (%1)…</source>
        <translation>保存音频（%1）…</translation>
    </message>
    <message>
        <source>Save audio</source>
        <translation>保存音频</translation>
    </message>
    <message>
        <source>Save text…</source>
        <translation>保存文本…</translation>
    </message>
    <message>
        <source>Result text</source>
        <translation>结果文本</translation>
    </message>
    <message>
        <source>Save text</source>
        <translation>保存文本</translation>
    </message>
    <message>
        <source>Could not save “%1”: %2</source>
        <translation>无法保存“%1”：%2</translation>
    </message>
    <message>
        <source>Large result (%1 characters): shown as plain text.</source>
        <translation>结果很大（%1 个字符）：以纯文本显示。</translation>
    </message>
    <message numerus="yes">
        <source>%n line break(s) were added for display only; Save text… keeps the exact text.</source>
        <translation>
            <numerusform>仅为显示添加了 %n 处换行；“保存文本…”会保留原文。</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is not offered by this server any more.</source>
        <translation>此服务器已不再提供“%1”。</translation>
    </message>
    <message>
        <source>Some values were masked when the call was kept (they looked secret): fill them in, then Run.</source>
        <translation>保存调用时部分值已被遮盖（看似机密）：请填写后再运行。</translation>
    </message>
    <message>
        <source>The server needs you to open a web page first; then Run again.</source>
        <translation>服务器需要您先打开一个网页，然后再运行。</translation>
    </message>
    <message>
        <source>Waiting for your answer in the server&apos;s window…</source>
        <translation>正在等待您在服务器窗口中的回答…</translation>
    </message>
</context>
<context>
    <name>mcpdesk::TrafficPanel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>→ sent</source>
        <translation>→ 发送</translation>
    </message>
    <message>
        <source>← received</source>
        <translation>← 接收</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>stderr</source>
        <translation>stderr</translation>
    </message>
    <message>
        <source>Export traffic</source>
        <translation>导出通信记录</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;All files (*)</source>
        <translation>JSON lines (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by method</source>
        <translation>按方法筛选</translation>
    </message>
    <message>
        <source>All directions</source>
        <translation>所有方向</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>HTTP requests</source>
        <translation>HTTP 请求</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save as JSON lines (secrets stay masked)</source>
        <translation>保存为 JSON lines（机密信息保持遮盖）</translation>
    </message>
    <message>
        <source>Could not save “%1”: %2</source>
        <translation>无法保存“%1”：%2</translation>
    </message>
    <message>
        <source>%1 (%2 MB; select it to see all of it)</source>
        <translation>%1（%2 MB；选中它即可查看全部内容）</translation>
    </message>
</context>
</TS>
