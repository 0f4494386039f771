// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Answers sent as one application/json body (not as an event stream), on both sides
// of the size above which McpDesk parses a message on a worker thread (512 KiB):
// a tool list and a tool result of 511 KiB, 513 KiB, 2 MB and 20 MB each, through
// mcpdesk-cli and through the session the app uses. The server is
// tests/peers/big-result-server.mjs (the official TypeScript SDK with
// enableJsonResponse).
#include "CliRun.h"
#include "PeerProcess.h"
#include "ResultText.h"

#include "protocol/McpSession.h"
#include "transport/MessageInbox.h"
#include "transport/StreamableHttpTransport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace mcpdesk;

namespace {
struct Size
{
    const char *name;
    int kib;
};
const Size kSizes[] = {{"511 KiB", 511}, {"513 KiB", 513}, {"2 MB", 2048}, {"20 MB", 20480}};

// The text big-text returns for `kib`: numbered 100-byte lines, as many as fit.
qsizetype textLines(int kib)
{
    return qsizetype(kib) * 1024 / 100;
}

QString lastLineStart(int kib)
{
    return QStringLiteral("%1 ").arg(textLines(kib), 6, 10, QLatin1Char('0'));
}
} // namespace

class TestLargeJson : public QObject
{
    Q_OBJECT

    PeerProcess big;

    QUrl endpoint(int listKib = 0) const
    {
        QUrl url = big.url();
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("json"), QStringLiteral("1"));
        if (listKib)
            q.addQueryItem(QStringLiteral("listKib"), QString::number(listKib));
        url.setQuery(q);
        return url;
    }

    static void sizes()
    {
        QTest::addColumn<int>("kib");
        for (const Size &s : kSizes)
            QTest::newRow(s.name) << s.kib;
    }

    // The names of a sized list: sized-00001 … sized-N, and nothing else.
    static void checkNames(const QStringList &names)
    {
        QVERIFY(names.size() > 100);
        for (qsizetype i = 0; i < names.size(); ++i)
            QCOMPARE(names.at(i), QStringLiteral("sized-%1").arg(i + 1, 5, 10, QLatin1Char('0')));
    }

    static CliRun runCli(const QStringList &args)
    {
        return ::runCli(args, QProcessEnvironment::systemEnvironment(), 120000);
    }

    std::unique_ptr<McpSession> connectTo(const QUrl &url)
    {
        auto s = std::make_unique<McpSession>(new StreamableHttpTransport(url));
        QSignalSpy ready(s.get(), &McpSession::ready);
        s->open();
        if (!ready.wait(20000))
            qWarning() << "did not connect:" << s->lastError().message;
        return s;
    }
    static RpcReply *wait(RpcReply *r)
    {
        r->setAutoDelete(false);
        QSignalSpy done(r, &RpcReply::finished);
        if (!r->isFinished())
            done.wait(60000);
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(big.startScript(QStringLiteral("big-result-server.mjs"), {}));
        QCOMPARE(MessageInbox::OffThreadBytes, 512 * 1024); // the sizes below straddle it
    }

    void cliListsTools_data() { sizes(); }
    void cliListsTools()
    {
        QFETCH(int, kib);
        const CliRun r = runCli({QStringLiteral("tools"), endpoint(kib).toString()});
        QVERIFY2(r.code == 0, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QStringList names;
        for (const QByteArray &line : r.stdoutBytes.split('\n'))
            if (!line.isEmpty())
                names.append(QString::fromUtf8(line.left(line.indexOf('\t'))));
        checkNames(names);
    }

    void cliCallsTool_data() { sizes(); }
    void cliCallsTool()
    {
        QFETCH(int, kib);
        const CliRun r =
            runCli({QStringLiteral("call"), endpoint().toString(), QStringLiteral("big-text"),
                    QStringLiteral("--args"),
                    QStringLiteral("{\"megabytes\":%1}").arg(kib / 1024.0, 0, 'g', 12)});
        QVERIFY2(r.code == 0, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY(r.stdoutBytes.startsWith("000001 xxx"));
        QCOMPARE(r.stdoutBytes.count('\n'), textLines(kib));
        const qsizetype last = r.stdoutBytes.lastIndexOf('\n', r.stdoutBytes.size() - 2) + 1;
        QCOMPARE(QString::fromLatin1(r.stdoutBytes.mid(last, 7)), lastLineStart(kib));
    }

    void sessionListsTools_data() { sizes(); }
    void sessionListsTools()
    {
        QFETCH(int, kib);
        auto s = connectTo(endpoint(kib));
        QCOMPARE(s->state(), ServerState::Connected);
        std::unique_ptr<RpcReply> list(wait(s->listTools()));
        QVERIFY2(list->isOk(), qPrintable(list->error().message));
        QStringList names;
        for (const QJsonValue &t : list->result().toArray())
            names.append(t.toObject().value(QStringLiteral("name")).toString());
        checkNames(names);
        QCOMPARE(s->tools().size(), names.size());
    }

    void sessionCallsTool_data() { sizes(); }
    void sessionCallsTool()
    {
        QFETCH(int, kib);
        auto s = connectTo(endpoint());
        QCOMPARE(s->state(), ServerState::Connected);
        std::unique_ptr<RpcReply> call(wait(s->callTool(
            QStringLiteral("big-text"), {{QStringLiteral("megabytes"), kib / 1024.0}})));
        QVERIFY2(call->isOk(), qPrintable(call->error().message));
        const QString text = firstText(call->result());
        QCOMPARE(text.size(), textLines(kib) * 100);
        QVERIFY(text.startsWith(QStringLiteral("000001 xxx")));
        QCOMPARE(text.mid(text.size() - 100, 7), lastLineStart(kib));
    }
};

QTEST_GUILESS_MAIN(TestLargeJson)
#include "tst_large_json.moc"
