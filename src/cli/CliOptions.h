// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "transport/Transport.h"

#include <QJsonObject>
#include <QMap>
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
    ExitServersDamaged = 9, // the server list was damaged; some servers were lost
};

struct Options
{
    QString command; // tools, call, info, resources, read, prompts, prompt, list, add, ...
    QString target;  // a URL, stdio:<command line>, or a configured server's mcpId or name
    QString tool;    // call: the tool; read: the URI; prompt: the prompt; add: the name
    QJsonObject arguments;
    bool argumentsGiven = false;
    std::optional<TransportKind> transport;
    HeaderList headers;
    QMap<QString, QString> env; // add: environment of a stdio server
    QString configPath;
    QString caFile;
    QString description;
    double timeoutSeconds = 60;
    bool json = false;
    QString logLevel;
    QString protocol; // "auto" (empty) or a protocol version
    // Answers to what a server asks the person (see CliAnswers.h).
    std::optional<QJsonObject> answers; // --answers: input key -> the form's content
    std::optional<QString> samplingReply;
    QStringList roots;     // absolute paths
    QStringList watchUris; // watch: resources whose updates to print
    // sign-in
    bool noBrowser = false;
    QString clientId;
    bool clientSecretStdin = false;
    QStringList scopes;
    bool reveal = false;
    bool yes = false;    // confirm: without asking
    int count = 1000;    // bench
    int concurrency = 1; // bench
};

// Parses argv (without the program name). On failure returns nullopt and sets
// `error` to a message for the user; `exitNow` is set for --help / --version with
// the text to print on stdout.
std::optional<Options> parseArguments(const QStringList &args, QString *error, QString *printNow);

QString helpText();

// The values --protocol takes: "auto", then every version McpDesk speaks.
QStringList protocolChoices();

// Splits a command line as a POSIX shell would (quotes, backslashes), without
// running a shell. Returns nullopt on an unterminated quote.
std::optional<QStringList> splitCommandLine(const QString &line);

} // namespace mcpdesk::cli
