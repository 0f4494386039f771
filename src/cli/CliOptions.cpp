// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "CliOptions.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>

namespace mcpdesk::cli {

QString helpText()
{
    return QStringLiteral(
        "Usage:\n"
        "  mcpdesk-cli tools <target> [options]\n"
        "  mcpdesk-cli call <target> <tool> [--args JSON] [--answers JSON] [options]\n"
        "  mcpdesk-cli info <target> [options]\n"
        "  mcpdesk-cli resources <target> [options]\n"
        "  mcpdesk-cli read <target> <uri> [options]\n"
        "  mcpdesk-cli prompts <target> [options]\n"
        "  mcpdesk-cli prompt <target> <name> [--args JSON] [options]\n"
        "  mcpdesk-cli watch <target> [--resource URI] [options]\n"
        "  mcpdesk-cli list [--config FILE]\n"
        "  mcpdesk-cli add <name> <url | stdio:command line> [--transport KIND] [--header H]\n"
        "                  [--env NAME=VALUE] [--description TEXT] [--config FILE]\n"
        "  mcpdesk-cli remove <mcpId | name> [--config FILE]\n"
        "  mcpdesk-cli confirm <mcpId | name> [--yes] [--config FILE]\n"
        "  mcpdesk-cli bench <target> [tool] [--count N] [--concurrency C] [--args JSON]\n"
        "  mcpdesk-cli login <target> [--no-browser] [--client-id ID] [--client-secret-stdin]\n"
        "                    [--scope S]\n"
        "  mcpdesk-cli logout <target>\n"
        "  mcpdesk-cli token <target> [--reveal]\n"
        "\n"
        "Talks to one MCP server with the same engine as the McpDesk app.\n"
        "\n"
        "Commands:\n"
        "  tools      one line per tool: its name, a tab, its title or description\n"
        "  call       call <tool>; stdout gets the result's content (text as text, other\n"
        "             items as a one-line summary such as [image image/png 1.2 KB]);\n"
        "             stderr gets one line per notification as it arrives:\n"
        "               progress <progress>[/<total>] [<message>]\n"
        "               log <level> [<logger>]: <data>\n"
        "  info       the server: its name and version, the MCP era (modern: 2026-07-28\n"
        "             without a session; legacy: initialize) and version in use, and\n"
        "             whether that was detected, cached or pinned, the versions it\n"
        "             offers, its capabilities and instructions\n"
        "  resources  one line per resource (URI, a tab, name and type), then one per\n"
        "             resource template (URI template, a tab, name)\n"
        "  read       the contents of a resource: text as text, binary as a summary\n"
        "  prompts    one line per prompt: its name, a tab, its title or description\n"
        "  prompt     the messages of a prompt, one \"<role>: <content>\" line each\n"
        "  watch      print one line per change the server tells of, until Ctrl+C (exit 0):\n"
        "               tools: added <name>, ...; removed <name>, ...; changed <name>, ...\n"
        "               prompts: ... and resources: ... the same way\n"
        "               resource updated: <uri>   (for each --resource URI)\n"
        "             (a 2026-07-28 server is listened to with subscriptions/listen, opened\n"
        "             again when it ends; an earlier one tells unasked)\n"
        "  list       the configured servers: mcpId, name, transport, enabled (or disabled,\n"
        "             or unconfirmed: imported, not run until confirmed), URL or command\n"
        "  add        add a server to the configuration (prints its mcpId)\n"
        "  remove     remove a server from the configuration\n"
        "  confirm    show the full command of a stdio server that was imported (program,\n"
        "             arguments, working directory, environment variable names) and allow\n"
        "             it to run; asks on a terminal, or give --yes\n"
        "  bench      call a tool (default: echo) N times, C in flight; prints calls/s,\n"
        "             median and 99th percentile latency\n"
        "  login      sign in to a server in the browser (prints the address too); the\n"
        "             tokens go to the system keychain, never to a file\n"
        "  logout     revoke the sign-in where the server allows it, and forget it\n"
        "  token      the sign-in: issuer, scopes, expiry, refresh token present; the token\n"
        "             itself only with --reveal\n"
        "\n"
        "Target:\n"
        "  http://… or https://…   a server's MCP endpoint (Streamable HTTP; a server that\n"
        "                          only speaks the older HTTP+SSE is detected)\n"
        "  stdio:<command line>    a local server, started as a child process (the line is\n"
        "                          split like a POSIX shell would, no shell is run)\n"
        "  <mcpId> or <name>       a configured server\n"
        "\n"
        "Options:\n"
        "  --args JSON                 arguments, a JSON object (default {}); @FILE reads it\n"
        "                              from FILE, - from standard input\n"
        "  --transport KIND            streamable-http, sse or stdio (default: from the target)\n"
        "  --header 'Name: value'      extra HTTP header, repeatable\n"
        "  --ca-file FILE              also trust the certificate authorities in FILE (PEM),\n"
        "                              for the server and for its sign-in\n"
        "  --env NAME=VALUE            environment of a stdio server (add), repeatable\n"
        "  --timeout SECONDS           per-request timeout, reset by progress; also each\n"
        "                              request of a sign-in (default 60)\n"
        "  --protocol VERSION          auto (default: detect, and remember per server), or\n"
        "                              2026-07-28, 2025-11-25, 2025-06-18, 2025-03-26 or\n"
        "                              2024-11-05 to use that version only\n"
        "  --log-level LEVEL           ask the server for log messages from LEVEL up\n"
        "                              (debug, info, notice, warning, error, ...)\n"
        "  --answers JSON              answers to what the server asks you (elicitation):\n"
        "                              an object keyed by the question's key (a 2025 server\n"
        "                              asks one at a time: its key is \"elicitation\"), each\n"
        "                              value the form's fields as an object, or \"decline\"\n"
        "                              or \"cancel\" (\"accept\" for a page to visit); @FILE\n"
        "                              reads it from FILE. Without it, questions are asked\n"
        "                              on a terminal, field by field, and not offered\n"
        "                              otherwise\n"
        "  --sampling-reply TEXT       answer the server's sampling requests with TEXT as\n"
        "                              the model's reply (without it sampling is not offered)\n"
        "  --root PATH                 a folder (or file) the server may see, repeatable\n"
        "                              (roots; none given: an empty list)\n"
        "  --resource URI              watch: print updates of this resource, repeatable\n"
        "  --json                      print the whole result object as JSON\n"
        "  --config FILE               the server list to use (default: the app's)\n"
        "  --count N, --concurrency C  bench: number of calls, calls in flight\n"
        "  --no-browser                login: only print the address to open\n"
        "  --client-id ID              login: a client registered by you with the server\n"
        "  --client-secret-stdin       login: read that client's secret from stdin\n"
        "  --scope S                   login: scopes to ask for (repeatable)\n"
        "  --reveal                    token: print the access token itself\n"
        "  --yes                       confirm: allow the command without asking\n"
        "  --version                   print the version and exit\n"
        "  --help                      print this help and exit\n"
        "\n"
        "Proxy: http_proxy, https_proxy, no_proxy (http://user:password@host:port);\n"
        "servers on this computer never go through it.\n"
        "\n"
        "Exit codes:\n"
        "  0 ok            2 usage           3 connection (refused, DNS, TLS, HTTP status)\n"
        "  4 protocol (malformed message, unsupported version, JSON-RPC error answer)\n"
        "  5 the tool answered isError       6 authorization needed or refused\n"
        "  7 timeout       8 cancelled (Ctrl+C tells the server: notifications/cancelled,\n"
        "                  or over HTTP to a 2026-07-28 server, the call's stream closed)\n"
        "  9 the server list was damaged; some servers were lost (list prints what was\n"
        "    recovered; the damaged file is kept aside and the next run is clean)\n");
}

QStringList protocolChoices()
{
    return QStringList{QStringLiteral("auto"),       QStringLiteral("2026-07-28"),
                       QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
                       QStringLiteral("2025-03-26"), QStringLiteral("2024-11-05")};
}

std::optional<QStringList> splitCommandLine(const QString &line)
{
    QStringList out;
    QString cur;
    bool inWord = false;
    enum { None, Single, Double } quote = None;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quote == Single) {
            if (c == QLatin1Char('\''))
                quote = None;
            else
                cur += c;
            continue;
        }
        if (quote == Double) {
            if (c == QLatin1Char('"')) {
                quote = None;
            } else if (c == QLatin1Char('\\') && i + 1 < line.size() &&
                       QStringLiteral("\"\\$`\n").contains(line.at(i + 1))) {
                if (line.at(i + 1) != QLatin1Char('\n'))
                    cur += line.at(i + 1);
                ++i;
            } else {
                cur += c;
            }
            continue;
        }
        if (c == QLatin1Char('\'')) {
            quote = Single;
            inWord = true;
        } else if (c == QLatin1Char('"')) {
            quote = Double;
            inWord = true;
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 < line.size()) {
                if (line.at(i + 1) != QLatin1Char('\n')) {
                    cur += line.at(i + 1);
                    inWord = true;
                }
                ++i;
            }
        } else if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')) {
            if (inWord) {
                out.append(cur);
                cur.clear();
                inWord = false;
            }
        } else {
            cur += c;
            inWord = true;
        }
    }
    if (quote != None)
        return std::nullopt;
    if (inWord)
        out.append(cur);
    return out;
}

namespace {

// A JSON object given to `option`: inline, @FILE, or - (standard input).
std::optional<QJsonObject> readJsonObject(const QString &option, const QString &value,
                                          QString *error)
{
    QByteArray json = value.toUtf8();
    if (value == QLatin1String("-") || value.startsWith(QLatin1Char('@'))) {
        QFile file;
        const bool ok = value == QLatin1String("-")
                            ? file.open(stdin, QIODevice::ReadOnly)
                            : (file.setFileName(value.mid(1)), file.open(QIODevice::ReadOnly));
        if (!ok) {
            *error = QStringLiteral("%1: cannot read %2: %3")
                         .arg(option,
                              value == QLatin1String("-") ? QStringLiteral("standard input")
                                                          : value.mid(1),
                              file.errorString());
            return std::nullopt;
        }
        json = file.readAll();
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = err.error != QJsonParseError::NoError
                     ? QStringLiteral("%1 is not valid JSON: %2 at character %3")
                           .arg(option, err.errorString())
                           .arg(err.offset)
                     : QStringLiteral("%1 must be a JSON object, like {\"name\": 1}").arg(option);
        return std::nullopt;
    }
    return doc.object();
}

} // namespace

std::optional<Options> parseArguments(const QStringList &args, QString *error, QString *printNow)
{
    Options o;
    QStringList positional;
    auto needValue = [&](qsizetype &i, const QString &name, QString *value) {
        const QString &a = args.at(i);
        const qsizetype eq = a.indexOf(QLatin1Char('='));
        if (eq > 0) {
            *value = a.mid(eq + 1);
            return true;
        }
        if (i + 1 >= args.size()) {
            *error = QStringLiteral("%1 needs a value").arg(name);
            return false;
        }
        *value = args.at(++i);
        return true;
    };
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const QString name = a.section(QLatin1Char('='), 0, 0);
        QString value;
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            *printNow = helpText();
            return std::nullopt;
        }
        if (a == QLatin1String("--version")) {
            *printNow = QStringLiteral("mcpdesk-cli %1\n").arg(QStringLiteral(MCPDESK_VERSION));
            return std::nullopt;
        }
        if (a == QLatin1String("--json")) {
            o.json = true;
        } else if (a == QLatin1String("--no-browser")) {
            o.noBrowser = true;
        } else if (a == QLatin1String("--client-secret-stdin")) {
            o.clientSecretStdin = true;
        } else if (a == QLatin1String("--reveal")) {
            o.reveal = true;
        } else if (a == QLatin1String("--yes")) {
            o.yes = true;
        } else if (name == QLatin1String("--client-id")) {
            if (!needValue(i, name, &o.clientId))
                return std::nullopt;
        } else if (name == QLatin1String("--scope")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            o.scopes += value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        } else if (name == QLatin1String("--args") || name == QLatin1String("--answers")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            const auto object = readJsonObject(name, value, error);
            if (!object)
                return std::nullopt;
            if (name == QLatin1String("--args")) {
                o.arguments = *object;
                o.argumentsGiven = true;
            } else {
                o.answers = *object;
            }
        } else if (name == QLatin1String("--resource")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            o.watchUris.append(value);
        } else if (name == QLatin1String("--sampling-reply")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            o.samplingReply = value;
        } else if (name == QLatin1String("--root")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            const QFileInfo root(value);
            if (value.isEmpty() || !root.exists()) {
                *error = QStringLiteral("--root: there is no file or folder “%1”").arg(value);
                return std::nullopt;
            }
            o.roots.append(root.absoluteFilePath());
        } else if (name == QLatin1String("--transport")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            if (value == QLatin1String("streamable-http")) {
                o.transport = TransportKind::StreamableHttp;
            } else if (value == QLatin1String("sse")) {
                o.transport = TransportKind::LegacySse;
            } else if (value == QLatin1String("stdio")) {
                o.transport = TransportKind::Stdio;
            } else {
                *error =
                    QStringLiteral("unknown transport “%1” (use streamable-http, sse or stdio)")
                        .arg(value);
                return std::nullopt;
            }
        } else if (name == QLatin1String("--header")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            const QString hname = colon > 0 ? value.left(colon).trimmed() : QString();
            if (hname.isEmpty() || hname.contains(QLatin1Char(' '))) {
                *error = QStringLiteral("--header must look like 'Name: value'");
                return std::nullopt;
            }
            o.headers.append({hname.toLatin1(), value.mid(colon + 1).trimmed().toUtf8()});
        } else if (name == QLatin1String("--timeout")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            bool ok = false;
            o.timeoutSeconds = value.toDouble(&ok);
            if (!ok || o.timeoutSeconds <= 0) {
                *error = QStringLiteral("--timeout needs a positive number of seconds");
                return std::nullopt;
            }
        } else if (name == QLatin1String("--log-level")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            static const QStringList levels{QStringLiteral("debug"),  QStringLiteral("info"),
                                            QStringLiteral("notice"), QStringLiteral("warning"),
                                            QStringLiteral("error"),  QStringLiteral("critical"),
                                            QStringLiteral("alert"),  QStringLiteral("emergency")};
            if (!levels.contains(value)) {
                *error = QStringLiteral("--log-level must be one of %1")
                             .arg(levels.join(QStringLiteral(", ")));
                return std::nullopt;
            }
            o.logLevel = value;
        } else if (name == QLatin1String("--protocol")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            if (!protocolChoices().contains(value)) {
                *error = QStringLiteral("--protocol must be one of %1")
                             .arg(protocolChoices().join(QStringLiteral(", ")));
                return std::nullopt;
            }
            o.protocol = value == QLatin1String("auto") ? QString() : value;
        } else if (name == QLatin1String("--config")) {
            if (!needValue(i, name, &o.configPath))
                return std::nullopt;
        } else if (name == QLatin1String("--ca-file")) {
            if (!needValue(i, name, &o.caFile))
                return std::nullopt;
        } else if (name == QLatin1String("--description")) {
            if (!needValue(i, name, &o.description))
                return std::nullopt;
        } else if (name == QLatin1String("--env")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            const qsizetype eq = value.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                *error = QStringLiteral("--env must look like NAME=VALUE");
                return std::nullopt;
            }
            o.env.insert(value.left(eq), value.mid(eq + 1));
        } else if (name == QLatin1String("--count") || name == QLatin1String("--concurrency")) {
            if (!needValue(i, name, &value))
                return std::nullopt;
            bool ok = false;
            const int n = value.toInt(&ok);
            if (!ok || n < 1 || n > 1000000) {
                *error = QStringLiteral("%1 needs a whole number from 1 to 1000000").arg(name);
                return std::nullopt;
            }
            (name == QLatin1String("--count") ? o.count : o.concurrency) = n;
        } else if (a.startsWith(QLatin1String("--"))) {
            *error = QStringLiteral("unknown option %1").arg(a);
            return std::nullopt;
        } else {
            positional.append(a);
        }
    }
    if (positional.isEmpty()) {
        *error = QStringLiteral("no command given (see --help)");
        return std::nullopt;
    }
    o.command = positional.takeFirst();
    struct Shape
    {
        const char *name;
        int args;
        const char *usage;
    };
    static const Shape shapes[] = {
        {"tools", 1, "tools <target>"},
        {"call", 2, "call <target> <tool> [--args JSON]"},
        {"info", 1, "info <target>"},
        {"resources", 1, "resources <target>"},
        {"read", 2, "read <target> <uri>"},
        {"prompts", 1, "prompts <target>"},
        {"prompt", 2, "prompt <target> <name> [--args JSON]"},
        {"watch", 1, "watch <target> [--resource URI]"},
        {"list", 0, "list"},
        {"add", 2, "add <name> <url | stdio:command line>"},
        {"remove", 1, "remove <mcpId | name>"},
        {"confirm", 1, "confirm <mcpId | name> [--yes]"},
        {"bench", 1, "bench <target> [tool] [--count N] [--concurrency C]"},
        {"login", 1, "login <target> [--no-browser] [--client-id ID] [--client-secret-stdin]"},
        {"logout", 1, "logout <target>"},
        {"token", 1, "token <target> [--reveal]"},
    };
    const Shape *shape = nullptr;
    for (const Shape &sh : shapes)
        if (o.command == QLatin1String(sh.name))
            shape = &sh;
    if (!shape) {
        *error = QStringLiteral("unknown command “%1” (see --help)").arg(o.command);
        return std::nullopt;
    }
    // bench names its tool optionally (echo by default).
    const bool benchTool = o.command == QLatin1String("bench") && positional.size() == 2;
    if (positional.size() != shape->args && !benchTool) {
        *error = QStringLiteral("usage: mcpdesk-cli %1").arg(QLatin1String(shape->usage));
        return std::nullopt;
    }
    if (o.command == QLatin1String("add")) {
        o.tool = positional.value(0);   // the name
        o.target = positional.value(1); // the URL or stdio: line
    } else {
        o.target = positional.value(0);
        o.tool = positional.value(1);
    }
    return o;
}

} // namespace mcpdesk::cli
