// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// What a server says is shown as what it is, in every place it reaches the app:
// against tests/peers/hostile-server.mjs (the official SDK), whose names,
// titles, descriptions, instructions, results, log and progress messages,
// elicitation and errors are full of HTML, Markdown with raw HTML and images,
// control characters and bidirectional overrides.
#include "PeerProcess.h"

#include "HistoryPanel.h"
#include "MainWindow.h"
#include "PromptsPanel.h"
#include "ResourcesPanel.h"
#include "ServerRequests.h"
#include "ServerText.h"
#include "ToolsPanel.h"
#include "TrafficPanel.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "config/ConfigStore.h"
#include "history/CallHistory.h"
#include "servers/ServerManager.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTranslator>
#include <QTreeWidget>

using namespace mcpdesk;

namespace {
QTemporaryDir *g_home = nullptr;
const QString kHtml = QStringLiteral(
    "visible <img src=\"file:///etc/hostname\"> <b>bold</b><!-- hidden instruction -->"
    "<script>x()</script> <span style=\"display:none\">secret</span> end");

// Clicks the link to `href` in `view` where it is shown; false if there is none.
bool clickLink(QTextBrowser *view, const QString &href)
{
    for (QTextBlock b = view->document()->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().anchorHref() == href) {
                QTextCursor c(view->document());
                c.setPosition(it.fragment().position() + 1);
                view->setTextCursor(c);
                view->ensureCursorVisible();
                const QPoint at = view->cursorRect(c).center();
                QTest::mousePress(view->viewport(), Qt::LeftButton, {}, at);
                QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, at);
                return true;
            }
    return false;
}

// What a person reads in a rich-text tooltip.
QString tooltipReads(const QString &tooltip)
{
    QTextDocument doc;
    doc.setHtml(tooltip);
    return doc.toPlainText();
}

QString screenshotDir()
{
    return qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath());
}
} // namespace

class TestServerText : public QObject
{
    Q_OBJECT

    PeerProcess hostile;
    QTcpServer imageHost; // where the remote images point: nothing may connect
    QTemporaryDir files;
    QString localImage;
    std::unique_ptr<ConfigStore> config;
    MemorySecretStore secrets;
    std::unique_ptr<SignInStore> signIns;
    std::unique_ptr<ServerManager> manager;
    std::unique_ptr<MainWindow> window;
    ToolsPanel *panel = nullptr;

    template <typename T> T *w(const char *name) const
    {
        T *found = window->findChild<T *>(QLatin1String(name));
        if (!found)
            qWarning("no widget %s", name);
        return found;
    }
    QString runTool(const QString &tool)
    {
        panel->selectTool(tool);
        QTest::mouseClick(w<QPushButton>("runButton"), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return w<QPushButton>("runButton")->isEnabled(); }, 15000))
            return QStringLiteral("(still running)");
        return w<QLabel>("resultStatus")->text();
    }
    QListWidgetItem *toolItem(const QString &shown) const
    {
        const auto items = w<QListWidget>("toolList")->findItems(shown, Qt::MatchStartsWith);
        return items.isEmpty() ? nullptr : items.first();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(imageHost.listen(QHostAddress::LocalHost, 0));
        QImage png(77, 55, QImage::Format_RGB32);
        png.fill(Qt::red);
        localImage = files.filePath(QStringLiteral("local.png"));
        QVERIFY(png.save(localImage));
        QVERIFY(hostile.startScript(
            QStringLiteral("hostile-server.mjs"),
            {QStringLiteral("--local-image"), localImage, QStringLiteral("--remote-image"),
             QStringLiteral("http://127.0.0.1:%1/pixel.png").arg(imageHost.serverPort())}));
        config = std::make_unique<ConfigStore>(
            g_home->filePath(QStringLiteral("config/McpDesk/servers.json")));
        signIns = std::make_unique<SignInStore>(
            g_home->filePath(QStringLiteral("config/McpDesk/signins.json")));
        manager = std::make_unique<ServerManager>(config.get(), &secrets, signIns.get());
        manager->start();
        window = std::make_unique<MainWindow>(manager.get());
        window->resize(1200, 800);
        window->show();
        ServerConfig c;
        c.name = QStringLiteral("Hostile");
        c.url = hostile.url();
        const auto id = manager->addServer(c);
        QVERIFY(id);
        window->selectServer(*id);
        QTRY_COMPARE_WITH_TIMEOUT(manager->server(*id)->state, ServerState::Connected, 15000);
    }

    // The Overview: the server's name and instructions as they are.
    void overview()
    {
        window->selectServer(manager->ids().first());
        auto *info = w<QLabel>("detailsServerInfo");
        QTRY_VERIFY(info->text().startsWith(QStringLiteral("hostile")));
        QCOMPARE(info->textFormat(), Qt::PlainText);
        QCOMPARE(info->text(), QStringLiteral("hostile <b>server</b> \\x1b[31m 1.0.0"));
        const QString instructions =
            w<QTextBrowser>("detailsInstructions")->document()->toPlainText();
        QVERIFY2(instructions.contains(QStringLiteral("<!-- hidden instruction -->")),
                 qPrintable(instructions));
        QVERIFY2(
            instructions.contains(QStringLiteral("<span style=\"display:none\">secret</span>")),
            qPrintable(instructions));
        QVERIFY(instructions.contains(QStringLiteral("\\x1b]0;pwned\\x07")));
        window->grab().save(screenshotDir() + QStringLiteral("/hostile-overview-en.png"));
    }

    // Names read as they are; titles, descriptions and tooltips show their HTML.
    void toolList()
    {
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        panel = window->toolsPanel();
        QTRY_COMPARE_WITH_TIMEOUT(w<QListWidget>("toolList")->count(), 7, 10000);
        QListWidgetItem *rtl = w<QListWidget>("toolList")->item(0);
        QCOMPARE(rtl->text(), QStringLiteral("rtl\\u202egnp.exe"));
        QListWidgetItem *html = toolItem(QStringLiteral("html-tool"));
        QVERIFY(html);
        QCOMPARE(tooltipReads(html->toolTip()), kHtml);
        panel->selectTool(QStringLiteral("html-tool"));
        auto *title = w<QLabel>("toolTitle");
        QCOMPARE(title->textFormat(), Qt::PlainText);
        QCOMPARE(title->text(),
                 QStringLiteral("<b>Bold</b> <img src=\"file:///etc/hostname\">title"));
        // The description as Markdown: its raw HTML is text.
        auto *description = w<QTextBrowser>("toolDescription");
        QTRY_COMPARE(description->document()->toPlainText(), kHtml);
        // The form's field: its title and help as they are.
        auto *field = window->findChild<QWidget *>(QStringLiteral("field_q"));
        QVERIFY(field);
        QCOMPARE(tooltipReads(field->toolTip()), kHtml);
        bool sawLabel = false;
        for (QLabel *l : window->toolsPanel()->findChildren<QLabel *>())
            if (l->text() == QStringLiteral("<i>field</i>")) {
                sawLabel = true;
                QCOMPARE(l->textFormat(), Qt::PlainText);
            }
        QVERIFY(sawLabel);
        panel->selectTool(QStringLiteral("esc-tool"));
        QCOMPARE(title->text(),
                 QStringLiteral(
                     "Title \\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\x1b[0m\\u009b1mC1\\x7fdel"));
        const QString escDescription = description->document()->toPlainText();
        QVERIFY2(escDescription.contains(QStringLiteral("line two\ttabbed\\rback")) &&
                     escDescription.contains(QStringLiteral("\\x1b]0;pwned\\x07")),
                 qPrintable(escDescription));
        // Calls keep the real name.
        panel->selectTool(QStringLiteral("rtl") + QChar(0x202E) + QStringLiteral("gnp.exe"));
        QCOMPARE(title->text(), QStringLiteral("rtl\\u202egnp.exe"));
        QVERIFY2(runTool(QStringLiteral("rtl") + QChar(0x202E) + QStringLiteral("gnp.exe"))
                     .startsWith(QStringLiteral("Done")),
                 qPrintable(w<QLabel>("resultStatus")->text()));
        // The server got the real name (the history keeps it); the result shows it as it reads.
        const QString real = QStringLiteral("rtl") + QChar(0x202E) + QStringLiteral("gnp.exe");
        QCOMPARE(window->history()->calls(manager->ids().first()).first().tool, real);
        QVERIFY(w<QTextBrowser>("resultText")
                    ->document()
                    ->toPlainText()
                    .startsWith(QStringLiteral("called rtl\\u202egnp.exe")));
    }

    // Links in a server's text open only when clicked: https at once, anything else
    // once the person read the whole address and agreed.
    void linksOpenOnlyWhenChosen()
    {
        w<QTabWidget>("detailsTabs")->setCurrentIndex(0);
        auto *view = window->findChild<ServerTextView *>(QStringLiteral("detailsInstructions"));
        QVERIFY(view);
        QList<QUrl> opened;
        ServerTextView::setLinkOpener([&opened](const QUrl &u) {
            opened << u;
            return true;
        });
        QWidget *question = nullptr;
        const QMetaObject::Connection asked = connect(view, &ServerTextView::confirmingLink, this,
                                                      [&question](QWidget *q) { question = q; });
        auto click = [view](const QString &href) { return clickLink(view, href); };
        QVERIFY(click(QStringLiteral("https://example.com/docs")));
        QCOMPARE(opened, QList<QUrl>{QUrl(QStringLiteral("https://example.com/docs"))});
        QVERIFY(!question);
        QVERIFY(click(QStringLiteral("file:///etc/passwd")));
        QTRY_VERIFY(question);
        QCOMPARE(opened.size(), 1); // nothing yet
        auto *box = qobject_cast<QMessageBox *>(question);
        QVERIFY(box);
        QCOMPARE(box->informativeText(), QStringLiteral("file:///etc/passwd"));
        window->grab().save(screenshotDir() + QStringLiteral("/link-confirmation-window-en.png"));
        box->grab().save(screenshotDir() + QStringLiteral("/link-confirmation-en.png"));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("cancelLinkButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(!window->findChild<QMessageBox *>(QStringLiteral("linkConfirmation")));
        QCOMPARE(opened.size(), 1); // refused: not opened
        question = nullptr;
        QVERIFY(click(QStringLiteral("vscode://open?x=1")));
        QTRY_VERIFY(question);
        box = qobject_cast<QMessageBox *>(question);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("openLinkButton")),
                          Qt::LeftButton);
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened.last(), QUrl(QStringLiteral("vscode://open?x=1")));
        ServerTextView::setLinkOpener({});
        disconnect(asked);
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
    }

    // A Markdown result: raw HTML is text, and no image is fetched or read until
    // the person presses Show images.
    void markdownResult()
    {
        QVERIFY(runTool(QStringLiteral("markdown")).startsWith(QStringLiteral("Done")));
        auto *view = window->findChild<ServerTextView *>(QStringLiteral("resultText"));
        QVERIFY(view);
        const QString text = view->document()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Use a List<T> here, then x < y")), qPrintable(text));
        QVERIFY2(
            text.contains(QStringLiteral("before <img src=\"http://127.0.0.1:%1/pixel.png\"> after")
                              .arg(imageHost.serverPort())),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("<b>not bold</b>")), qPrintable(text));
        QCOMPARE(view->imageCount(), 2); // the two Markdown images
        auto *show = view->findChild<QPushButton *>(QStringLiteral("showImagesButton"));
        QVERIFY(show);
        QVERIFY(show->isVisible());
        QVERIFY(view->findChild<QLabel *>(QStringLiteral("imagesNote"))
                    ->text()
                    .startsWith(QStringLiteral("2 image")));
        const QUrl local = QUrl::fromLocalFile(localImage);
        QTest::qWait(200);
        const QImage before =
            view->document()->resource(QTextDocument::ImageResource, local).value<QImage>();
        QVERIFY(before.size() != QSize(77, 55)); // a placeholder, not the file
        QVERIFY(!imageHost.hasPendingConnections());
        window->grab().save(screenshotDir() + QStringLiteral("/hostile-markdown-en.png"));
        QTest::mouseClick(show, Qt::LeftButton);
        QVERIFY(view->imagesShown());
        QVERIFY(!show->isVisible());
        view->viewport()->repaint();
        const QImage after =
            view->document()->resource(QTextDocument::ImageResource, local).value<QImage>();
        QCOMPARE(after.size(), QSize(77, 55)); // now read, because the person asked
        // A new result hides images again.
        QVERIFY(runTool(QStringLiteral("markdown")).startsWith(QStringLiteral("Done")));
        QVERIFY(!view->imagesShown());
        QVERIFY(show->isVisible());
    }

    // Log and progress messages, and a server's error, as they are.
    void messagesAndErrors()
    {
        QVERIFY(runTool(QStringLiteral("noisy")).startsWith(QStringLiteral("Done")));
        auto *logs = w<QListWidget>("logList");
        QTRY_VERIFY(logs->count() > 0);
        const QString log = logs->item(logs->count() - 1)->text();
        QVERIFY2(log.contains(QStringLiteral("log\\x1b[2J: logged \\x1b]0;pwned\\x07")),
                 qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("\\nsecond <b>line</b>")), qPrintable(log));
        const QString progress = w<QLabel>("progressMessage")->text();
        QCOMPARE(w<QLabel>("progressMessage")->textFormat(), Qt::PlainText);
        QVERIFY2(progress.startsWith(QStringLiteral("step \\x1b]0;pwned")), qPrintable(progress));
        const QString failed = runTool(QStringLiteral("fail"));
        QCOMPARE(w<QLabel>("resultStatus")->textFormat(), Qt::PlainText);
        QVERIFY2(failed.contains(QStringLiteral("<!-- hidden instruction -->")),
                 qPrintable(failed));
    }

    // The server's question: its message and field titles as they are.
    void elicitation()
    {
        panel->selectTool(QStringLiteral("ask"));
        QTest::mouseClick(w<QPushButton>("runButton"), Qt::LeftButton);
        QDialog *dialog = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] {
                return (dialog = window->findChild<QDialog *>(QStringLiteral("elicitationDialog")));
            },
            10000));
        auto *message = dialog->findChild<QLabel *>(QStringLiteral("elicitationMessage"));
        QCOMPARE(message->textFormat(), Qt::PlainText);
        QVERIFY2(message->text().startsWith(QStringLiteral("Please confirm ") + kHtml),
                 qPrintable(message->text()));
        bool sawField = false;
        for (QLabel *l : dialog->findChildren<QLabel *>())
            if (l->text() == QStringLiteral("<b>Choice</b> \\x1b[1m")) {
                sawField = true;
                QCOMPARE(l->textFormat(), Qt::PlainText);
            }
        QVERIFY(sawField);
        dialog->grab().save(screenshotDir() + QStringLiteral("/hostile-elicitation-en.png"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("declineButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
    }

    // Prompts and resources: names, titles and descriptions as they are.
    void promptsAndResources()
    {
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->promptsPanel());
        QTRY_VERIFY_WITH_TIMEOUT(window->promptsPanel()->select(QStringLiteral("prompt") +
                                                                QChar(0x1b) +
                                                                QStringLiteral("[1m")),
                                 10000);
        auto *prompts = window->promptsPanel()->findChild<QListWidget *>();
        QVERIFY(prompts);
        QCOMPARE(prompts->item(0)->text(), QStringLiteral("prompt\\x1b[1m"));
        QCOMPARE(tooltipReads(prompts->item(0)->toolTip()), kHtml);
        bool sawDescription = false;
        for (QLabel *l : window->promptsPanel()->findChildren<QLabel *>())
            if (l->text() == kHtml) {
                sawDescription = true;
                QCOMPARE(l->textFormat(), Qt::PlainText);
            }
        QVERIFY(sawDescription);

        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->resourcesPanel());
        auto *tree = window->resourcesPanel()->findChild<QTreeWidget *>();
        QVERIFY(tree);
        QTRY_VERIFY_WITH_TIMEOUT(
            tree->topLevelItemCount() > 0 && tree->topLevelItem(0)->childCount() == 1, 10000);
        QCOMPARE(
            tree->topLevelItem(0)->child(0)->text(0),
            QStringLiteral("res <img src=\"file:///etc/hostname\"> "
                           "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\x1b[0m\\u009b1mC1\\x7fdel"));
        QVERIFY(window->resourcesPanel()->select(QStringLiteral("hostile://r") + QChar(0x1b) +
                                                 QStringLiteral("[2J")));
        auto *read = window->resourcesPanel()->findChild<QPushButton *>(
            QStringLiteral("readResourceButton"));
        QVERIFY(read);
        QTest::mouseClick(read, Qt::LeftButton);
        auto *text = window->resourcesPanel()->findChild<ServerTextView *>();
        QTRY_VERIFY_WITH_TIMEOUT(
            text->document()->toPlainText().contains(QStringLiteral("List<T>")), 10000);
        QCOMPARE(text->imageCount(), 2);
        QVERIFY(!imageHost.hasPendingConnections());
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
    }

    // The History and Traffic tabs show the same calls as they read.
    void historyAndTraffic()
    {
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->historyPanel());
        auto *history = w<QListWidget>("historyList");
        QTRY_VERIFY(history->count() > 0);
        bool sawRtl = false;
        QListWidgetItem *markdownCall = nullptr;
        for (int i = 0; i < history->count(); ++i) {
            sawRtl =
                sawRtl || history->item(i)->text().contains(QStringLiteral("rtl\\u202egnp.exe"));
            if (!markdownCall && history->item(i)->text().contains(QStringLiteral("  markdown  ")))
                markdownCall = history->item(i);
        }
        QVERIFY(sawRtl);
        QVERIFY(markdownCall);
        history->clearSelection();
        markdownCall->setSelected(true);
        auto *detail =
            window->historyPanel()->findChild<ServerTextView *>(QStringLiteral("historyDetail"));
        QVERIFY(detail);
        QVERIFY2(detail->document()->toPlainText().contains(
                     QStringLiteral("Use a List<T> here, then x < y")),
                 qPrintable(detail->document()->toPlainText()));
        QVERIFY(!imageHost.hasPendingConnections());

        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->trafficPanel());
        auto *table = w<QTableView>("trafficTable");
        QTRY_VERIFY(table->model()->rowCount() > 0);
        bool sawEscaped = false;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            for (int c = 0; c < table->model()->columnCount(); ++c) {
                const QString cell = table->model()->index(r, c).data().toString();
                QVERIFY2(!cell.contains(QChar(0x202E)) && !cell.contains(QChar(0x9b)),
                         qPrintable(cell));
                sawEscaped = sawEscaped || cell.contains(QStringLiteral("rtl\\u202egnp.exe"));
            }
        QVERIFY(sawEscaped);
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
    }

    void chinese()
    {
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/mcpdesk_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        QTRY_COMPARE(w<QPushButton>("runButton")->text(), QStringLiteral("运行"));
        QVERIFY(runTool(QStringLiteral("markdown")).startsWith(QStringLiteral("用时")));
        auto *view = window->findChild<ServerTextView *>(QStringLiteral("resultText"));
        QCOMPARE(view->findChild<QPushButton *>(QStringLiteral("showImagesButton"))->text(),
                 QStringLiteral("显示图片"));
        window->grab().save(screenshotDir() + QStringLiteral("/hostile-markdown-zh_CN.png"));
        // The question before a link that is not https.
        w<QTabWidget>("detailsTabs")->setCurrentIndex(0);
        auto *instructions =
            window->findChild<ServerTextView *>(QStringLiteral("detailsInstructions"));
        ServerTextView::setLinkOpener([](const QUrl &) { return true; });
        QVERIFY(clickLink(instructions, QStringLiteral("vscode://open?x=1")));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window->findChild<QMessageBox *>(QStringLiteral("linkConfirmation"))));
        QCOMPARE(box->findChild<QPushButton *>(QStringLiteral("openLinkButton"))->text(),
                 QStringLiteral("打开"));
        box->grab().save(screenshotDir() + QStringLiteral("/link-confirmation-zh_CN.png"));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("cancelLinkButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(!window->findChild<QMessageBox *>(QStringLiteral("linkConfirmation")));
        ServerTextView::setLinkOpener({});
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        QCoreApplication::removeTranslator(&zh);
    }

    void cleanupTestCase()
    {
        window.reset();
        manager.reset();
    }
};

int main(int argc, char **argv)
{
    QTemporaryDir home;
    g_home = &home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("McpDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("McpDesk-servertext-test"));
    TestServerText test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_servertext.moc"
