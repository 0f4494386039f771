// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
//
// The layers of docs/architecture.md hold: every #include under src/ points down the
// graph written there (the ```layers block, which CMake links from too), never up or
// sideways, and each layer includes only the Qt modules and libraries it lists.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Layer
{
    QStringList uses; // as written: the layers directly below
    QSet<QString> libs;
};

struct Graph
{
    QHash<QString, Layer> layers;
    QString error; // why the block could not be read, or empty
};

Graph readGraph(const QString &markdownPath)
{
    Graph g;
    QFile f(markdownPath);
    if (!f.open(QIODevice::ReadOnly)) {
        g.error = QStringLiteral("cannot read ") + markdownPath;
        return g;
    }
    static const QRegularExpression row(QStringLiteral("^([a-z]+) *: *([^|]*)\\|(.*)$"));
    bool inBlock = false;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line == QLatin1String("```layers")) {
            inBlock = true;
        } else if (inBlock && line.startsWith(QLatin1String("```"))) {
            break;
        } else if (inBlock) {
            const QRegularExpressionMatch m = row.match(line);
            if (!m.hasMatch())
                continue; // a comment or a blank line
            Layer l;
            for (const QString &u : m.captured(2).split(QLatin1Char(' '), Qt::SkipEmptyParts))
                if (u != QLatin1String("-"))
                    l.uses.append(u);
            for (const QString &lib : m.captured(3).split(QLatin1Char(' '), Qt::SkipEmptyParts))
                l.libs.insert(lib);
            g.layers.insert(m.captured(1), l);
        }
    }
    if (g.layers.isEmpty())
        g.error = markdownPath + QStringLiteral(" has no ```layers block");
    for (auto it = g.layers.cbegin(); it != g.layers.cend(); ++it)
        for (const QString &u : it->uses)
            if (!g.layers.contains(u))
                g.error = QStringLiteral("layer %1 uses %2, which is not a layer").arg(it.key(), u);
    return g;
}

// Every layer `layer` may include: itself and everything below it.
QString sortedList(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list.join(QLatin1Char(' '));
}

QSet<QString> reachable(const Graph &g, const QString &layer)
{
    QSet<QString> seen{layer};
    QStringList todo{layer};
    while (!todo.isEmpty()) {
        for (const QString &u : g.layers.value(todo.takeFirst()).uses)
            if (!seen.contains(u)) {
                seen.insert(u);
                todo.append(u);
            }
    }
    return seen;
}

// The Qt module a header belongs to ("Core", "Widgets"), or empty if it is not Qt's.
QString qtModuleOf(const QString &header)
{
    static const QString root = QLibraryInfo::path(QLibraryInfo::HeadersPath);
    static const QStringList modules =
        QDir(root).entryList(QStringList{QStringLiteral("Qt*")}, QDir::Dirs);
    static QHash<QString, QString> cache;
    if (auto it = cache.constFind(header); it != cache.constEnd())
        return *it;
    QString found;
    if (header.startsWith(QLatin1String("Qt")) && header.contains(QLatin1Char('/'))) {
        found = header.section(QLatin1Char('/'), 0, 0).mid(2);
    } else {
        for (const QString &m : modules)
            if (QFileInfo::exists(root + QLatin1Char('/') + m + QLatin1Char('/') + header)) {
                found = m.mid(2);
                break;
            }
    }
    cache.insert(header, found);
    return found;
}

// What the tree under `src` breaks of the graph: one line per include.
QStringList violations(const Graph &g, const QString &src)
{
    QStringList out;
    static const QRegularExpression include(
        QStringLiteral("^\\s*#\\s*include\\s*([<\"])([^>\"]+)[>\"]"));
    QDirIterator it(src, {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(src).relativeFilePath(path);
        const QStringList parts = rel.split(QLatin1Char('/'));
        const QString layer = parts.value(0) == QLatin1String("core") && parts.size() > 2
                                  ? parts.value(1)
                                  : parts.value(0);
        if (!g.layers.contains(layer)) {
            out.append(QStringLiteral("src/%1: the folder is in no layer of the graph").arg(rel));
            continue;
        }
        const QSet<QString> allowed = reachable(g, layer);
        const QSet<QString> libs = g.layers.value(layer).libs;
        auto refuse = [&](int line, const QString &what, const QString &why) {
            out.append(
                QStringLiteral("src/%1:%2 includes %3: %4").arg(rel).arg(line).arg(what, why));
        };
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            out.append(QStringLiteral("src/%1: cannot be read").arg(rel));
            continue;
        }
        int lineNo = 0;
        while (!f.atEnd()) {
            ++lineNo;
            const QRegularExpressionMatch m = include.match(QString::fromUtf8(f.readLine()));
            if (!m.hasMatch())
                continue;
            const QString name = m.captured(2);
            if (name.contains(QLatin1String(".."))) {
                refuse(lineNo, name, QStringLiteral("a relative path"));
                continue;
            }
            if (m.captured(1) == QLatin1String("\"")) {
                QString target;
                if (name.contains(QLatin1Char('/'))) {
                    target = name.section(QLatin1Char('/'), 0, 0);
                    if (!QFileInfo::exists(src + QStringLiteral("/core/") + name))
                        target = QStringLiteral("?");
                } else if (QFileInfo::exists(QFileInfo(path).absolutePath() + QLatin1Char('/') +
                                             name) ||
                           name.startsWith(QLatin1String("ui_"))) {
                    target = layer; // its own folder, or a form uic makes for it
                } else if (QFileInfo::exists(src + QStringLiteral("/gui/") + name)) {
                    target = QStringLiteral("gui");
                } else {
                    target = QStringLiteral("?");
                }
                if (!g.layers.contains(target))
                    refuse(lineNo, name, QStringLiteral("no file of a layer"));
                else if (!allowed.contains(target))
                    refuse(lineNo, name,
                           QStringLiteral("%1 may not use %2 (it may use: %3)")
                               .arg(layer, target, sortedList(allowed)));
                continue;
            }
            QString lib;
            if (name.startsWith(QLatin1String("qt6keychain/")))
                lib = QStringLiteral("qtkeychain");
            else if (name == QLatin1String("zlib.h"))
                lib = QStringLiteral("zlib");
            else
                lib = qtModuleOf(name);
            if (!lib.isEmpty() && !libs.contains(lib))
                refuse(lineNo, name,
                       QStringLiteral("%1 is not among what %2 may use (%3)")
                           .arg(lib, layer, sortedList(libs)));
        }
    }
    out.sort();
    return out;
}

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestLayers : public QObject
{
    Q_OBJECT

    const QString kDoc = QStringLiteral(MCPDESK_SOURCE_DIR "/docs/architecture.md");
    const QString kSrc = QStringLiteral(MCPDESK_SOURCE_DIR "/src");

private slots:
    void graphIsReadableAndAcyclic()
    {
        const Graph g = readGraph(kDoc);
        QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
        for (const char *must : {"util", "jsonrpc", "transport", "protocol", "auth", "config",
                                 "schema", "history", "servers", "gui", "cli", "app"})
            QVERIFY2(g.layers.contains(QLatin1String(must)), must);
        for (auto it = g.layers.cbegin(); it != g.layers.cend(); ++it)
            for (const QString &u : it->uses)
                QVERIFY2(!reachable(g, u).contains(it.key()),
                         qPrintable(QStringLiteral("a cycle through %1 and %2").arg(it.key(), u)));
    }

    // What the issue names at least, read from the graph as written.
    void theRulesThatMatterHold()
    {
        const Graph g = readGraph(kDoc);
        for (const QString &low : {QStringLiteral("transport"), QStringLiteral("jsonrpc")}) {
            const QSet<QString> r = reachable(g, low);
            for (const char *up : {"protocol", "auth", "config", "servers", "history", "gui"})
                QVERIFY2(!r.contains(QLatin1String(up)),
                         qPrintable(low + QStringLiteral(" reaches ") + QLatin1String(up)));
        }
        QVERIFY(!reachable(g, QStringLiteral("jsonrpc")).contains(QStringLiteral("transport")));
        for (const char *name : {"util", "jsonrpc", "transport", "protocol", "auth", "config",
                                 "schema", "history", "servers"}) {
            const QString layer = QLatin1String(name);
            QVERIFY2(!reachable(g, layer).contains(QStringLiteral("gui")), qPrintable(layer));
            QVERIFY2(!g.layers.value(layer).libs.contains(QStringLiteral("Widgets")),
                     qPrintable(layer));
            QVERIFY2(!g.layers.value(layer).libs.contains(QStringLiteral("Gui")),
                     qPrintable(layer));
        }
    }

    void everyIncludeFollowsTheGraph()
    {
        const Graph g = readGraph(kDoc);
        QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
        const QStringList bad = violations(g, kSrc);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    // The check itself finds what it is for: an include up, one sideways, a Widgets
    // header in the core, a relative path, a folder of no layer.
    void theCheckFindsEachKindOfFault()
    {
        const Graph g = readGraph(kDoc);
        QTemporaryDir dir;
        const QString src = dir.path() + QStringLiteral("/src");
        write(src + QStringLiteral("/core/protocol/McpSession.h"), "#pragma once\n");
        write(src + QStringLiteral("/core/config/ServerConfig.h"), "#pragma once\n");
        write(
            src + QStringLiteral("/core/transport/SseParser.cpp"),
            "#include \"SseParser.h\"\n\n#include \"protocol/McpSession.h\"\n#include <QObject>\n");
        write(src + QStringLiteral("/core/transport/SseParser.h"), "#include <QWidget>\n");
        write(src + QStringLiteral("/core/history/CallHistory.cpp"),
              "#include \"config/ServerConfig.h\"\n#include \"../gui/MainWindow.h\"\n");
        write(src + QStringLiteral("/core/extra/Thing.cpp"), "\n");
        write(src + QStringLiteral("/gui/MainWindow.cpp"),
              "#include \"protocol/McpSession.h\"\n#include <QWidget>\n");
        const QStringList found = violations(g, src);
        const QStringList expected{
            QStringLiteral("src/core/extra/Thing.cpp: the folder is in no layer of the graph"),
            QStringLiteral("src/core/history/CallHistory.cpp:1 includes config/ServerConfig.h"),
            QStringLiteral(
                "src/core/history/CallHistory.cpp:2 includes ../gui/MainWindow.h: a relative path"),
            QStringLiteral("src/core/transport/SseParser.cpp:3 includes protocol/McpSession.h: "
                           "transport may not use protocol"),
            QStringLiteral("src/core/transport/SseParser.h:1 includes QWidget: Widgets is not "
                           "among what transport may use"),
        };
        QCOMPARE(found.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QVERIFY2(found.at(i).startsWith(expected.at(i)), qPrintable(found.at(i)));
    }
};

QTEST_GUILESS_MAIN(TestLayers)
#include "tst_layers.moc"
