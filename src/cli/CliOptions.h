#pragma once

#include "transport/Transport.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace mcpdesk::cli {

// Exit codes: the scripting contract of mcpdesk-cli (see --help and the man page).
enum ExitCode {
    ExitOk = 0,
    ExitUsage = 2,
    ExitConnection = 3,
    ExitProtocol = 4,
    ExitToolError = 5,
    ExitAuth = 6,
    ExitTimeout = 7,
    ExitCancelled = 8,
};

struct Options
{
    QString command; // "tools" or "call"
    QString target;
    QString tool;
    QJsonObject arguments;
    std::optional<TransportKind> transport;
    HeaderList headers;
    double timeoutSeconds = 60;
    bool json = false;
    QString logLevel;
};

// Parses argv (without the program name). On failure returns nullopt and sets
// `error` to a message for the user; `exitNow` is set for --help / --version with
// the text to print on stdout.
std::optional<Options> parseArguments(const QStringList &args, QString *error, QString *printNow);

QString helpText();

// Splits a command line as a POSIX shell would (quotes, backslashes), without
// running a shell. Returns nullopt on an unterminated quote.
std::optional<QStringList> splitCommandLine(const QString &line);

} // namespace mcpdesk::cli
