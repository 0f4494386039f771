// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The Tools tab against the real server-everything, driven by objectName:
// forms from schemas, run, progress, cancel, images, structured content.
#include "CliRun.h"
#include "PeerProcess.h"
#include "Tinyproxy.h"

#include "AppSettings.h"
#include "ArgumentCompleter.h"
#include "HistoryPanel.h"
#include "IconLoader.h"
#include "MainWindow.h"
#include "PromptsPanel.h"
#include "ResourcesPanel.h"
#include "Roles.h"
#include "ServerDialog.h"
#include "ServerListModel.h"
#include "ServerRequests.h"
#include "ToolForm.h"
#include "ToolsPanel.h"
#include "TrafficPanel.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "config/ConfigStore.h"
#include "history/CallHistory.h"
#include "protocol/EraCache.h"
#include "protocol/McpSession.h"
#include "protocol/TrafficLog.h"
#include "servers/ServerManager.h"
#include "util/DataFolder.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDeadlineTimer>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QTranslator>
#include <QTreeWidget>

using namespace mcpdesk;

namespace {
QTemporaryDir *g_home = nullptr;
}

class TestWorkbench : public QObject
{
    Q_OBJECT

    PeerProcess everything;
    std::unique_ptr<ConfigStore> config;
    MemorySecretStore secrets;
    std::unique_ptr<SignInStore> signIns;
    std::unique_ptr<ServerManager> manager;
    std::unique_ptr<MainWindow> window;
    ToolsPanel *panel = nullptr;
    QString serverId;
    QList<QUrl> opened; // what the URL elicitation dialog opened

    template <typename T> T *w(const char *name) const
    {
        T *found = window->findChild<T *>(QLatin1String(name));
        if (!found)
            qWarning("no widget %s", name);
        return found;
    }
    // Selects `tool` and waits until it really is the current one: a list the server
    // announced as changed may be fetched again meanwhile, and a selection made before
    // the new list is shown would leave the previous tool selected (and run).
    void pick(const QString &tool)
    {
        auto current = [this] {
            const QListWidgetItem *item = w<QListWidget>("toolList")->currentItem();
            return item ? item->data(Qt::UserRole).toString() : QString();
        };
        auto listed = [this] {
            QStringList names;
            const auto *list = w<QListWidget>("toolList");
            for (int i = 0; i < list->count(); ++i)
                names << list->item(i)->data(Qt::UserRole).toString();
            return names.join(QLatin1Char(' '));
        };
        QTRY_VERIFY2_WITH_TIMEOUT((panel->selectTool(tool), current() == tool),
                                  qPrintable(tool + QStringLiteral(" is not among: ") + listed()),
                                  10000);
        QVERIFY(!w<QLabel>("toolTitle")->text().isEmpty());
    }
    QString runAndWait(int ms = 15000)
    {
        QTest::mouseClick(w<QPushButton>("runButton"), Qt::LeftButton);
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired() && !w<QPushButton>("runButton")->isEnabled())
            QTest::qWait(20);
        return w<QLabel>("resultStatus")->text();
    }

    // The window as the person sees it with the completion list of `field` (a window
    // of its own) open under the field.
    QPixmap withPopup(QLineEdit *field) const
    {
        QCoreApplication::processEvents(); // what a language change laid out anew
        QPixmap shot = window->grab();
        QPainter painter(&shot);
        painter.drawPixmap(field->mapTo(window.get(), QPoint(0, field->height())),
                           field->completer()->popup()->grab());
        return shot;
    }

    // Adds `c`, shows it and waits until it is connected; its id, or empty.
    QString connectNew(const ServerConfig &c)
    {
        const auto id = manager->addServer(c);
        if (!id)
            return QString();
        window->selectServer(*id);
        const bool up = QTest::qWaitFor(
            [&] { return manager->server(*id)->state == ServerState::Connected; }, 15000);
        return up ? *id : QString();
    }

    // Runs the picked tool and waits until the server's request opens the dialog
    // called `name` (elicitation, URL consent, sampling); nullptr if it never does.
    QDialog *runUntilAsked(const char *name)
    {
        QTest::mouseClick(w<QPushButton>("runButton"), Qt::LeftButton);
        QDialog *dialog = nullptr;
        const bool asked = QTest::qWaitFor(
            [&] { return (dialog = window->findChild<QDialog *>(QLatin1String(name))) != nullptr; },
            10000);
        return asked ? dialog : nullptr;
    }

    // A standalone Tools panel on tests/peers/big-result-server.mjs (built on the
    // official SDK), its three tools listed.
    static bool openBigResultServer(PeerProcess &big, std::unique_ptr<McpSession> &session,
                                    ToolsPanel &panel)
    {
        if (!big.startScript(QStringLiteral("big-result-server.mjs"), {}))
            return false;
        EndpointSpec spec;
        spec.url = big.url();
        session.reset(McpSession::create(spec));
        session->open();
        if (!QTest::qWaitFor([&] { return session->state() == ServerState::Connected; }, 10000))
            return false;
        panel.show();
        panel.setSession(session.get(), big.url().toString());
        return QTest::qWaitFor(
            [&] {
                return panel.findChild<QListWidget *>(QStringLiteral("toolList"))->count() == 3;
            },
            10000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(everything.startEverything());
        config = std::make_unique<ConfigStore>(
            g_home->filePath(QStringLiteral("config/McpDesk/servers.json")));
        signIns = std::make_unique<SignInStore>(
            g_home->filePath(QStringLiteral("config/McpDesk/signins.json")));
        manager = std::make_unique<ServerManager>(config.get(), &secrets, signIns.get());
        manager->start();
        // The window first: sessions opened after it offer its dialogs (elicitation, sampling).
        window = std::make_unique<MainWindow>(manager.get());
        window->resize(1200, 800);
        window->show();
        ServerConfig c;
        c.name = QStringLiteral("Everything");
        c.url = everything.url();
        const auto id = manager->addServer(c);
        QVERIFY(id);
        serverId = *id;
        window->selectServer(*id);
        QTRY_COMPARE_WITH_TIMEOUT(manager->server(*id)->state, ServerState::Connected, 15000);
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        panel = window->toolsPanel();
        window->serverRequests()->setUrlOpener([this](const QUrl &u) {
            opened.append(u);
            return true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(w<QListWidget>("toolList")->count() >= 10, 10000);
    }

    // Coming back to a server whose tools are known shows them without asking the
    // server again (10,000 tools took ~75 ms more to open with the second request).
    void toolsTabReusesTheKnownList()
    {
        ServerConfig c;
        c.name = QStringLiteral("Everything again");
        c.url = everything.url();
        const auto other = manager->addServer(c);
        QVERIFY(other);
        QTRY_COMPARE_WITH_TIMEOUT(manager->server(*other)->state, ServerState::Connected, 15000);
        auto listsSent = [this] {
            const TrafficLog *log = manager->traffic(serverId);
            int n = 0;
            for (qsizetype i = 0; i < log->size(); ++i)
                n += log->at(i).direction == TrafficLog::Direction::Sent &&
                     log->at(i).method == QLatin1String("tools/list");
            return n;
        };
        QTest::qWait(200); // list_changed bursts after connecting are over
        const int before = listsSent();
        QVERIFY(before >= 1);
        const int count = w<QListWidget>("toolList")->count();
        window->selectServer(*other);
        window->selectServer(serverId);
        QCOMPARE(w<QListWidget>("toolList")->count(), count);
        QTest::qWait(200);
        QCOMPARE(listsSent(), before);
        manager->removeServer(*other);
    }

    // A session keeps a short list as deflated text and a long one (over 1,000) as it
    // came; either way the Tools tab shows all of it, from the session, without asking
    // the server again.
    void longAndShortListsKept()
    {
        for (int extra : {40, 1500}) {
            PeerProcess big;
            QVERIFY(big.startScript(QStringLiteral("big-result-server.mjs"),
                                    {QStringLiteral("--extra-tools"), QString::number(extra)}));
            EndpointSpec spec;
            spec.url = big.url();
            std::unique_ptr<McpSession> session(McpSession::create(spec));
            TrafficLog traffic;
            session->setTrafficLog(&traffic);
            session->open();
            QTRY_COMPARE_WITH_TIMEOUT(session->state(), ServerState::Connected, 10000);
            std::unique_ptr<RpcReply> list(session->listTools());
            list->setAutoDelete(false);
            QTRY_VERIFY_WITH_TIMEOUT(list->isFinished(), 10000);
            const QJsonArray listed = list->result().toArray();
            QCOMPARE(listed.size(), extra + 3);
            QVERIFY(session->hasTools());
            QCOMPARE(session->tools(), listed);
            ToolsPanel standalone;
            standalone.setSession(session.get(), big.url().toString());
            QCOMPARE(standalone.findChild<QListWidget *>(QStringLiteral("toolList"))->count(),
                     extra + 3);
            int asked = 0;
            for (qsizetype i = 0; i < traffic.size(); ++i)
                asked += traffic.at(i).direction == TrafficLog::Direction::Sent &&
                         traffic.at(i).method == QLatin1String("tools/list");
            QCOMPARE(asked, 1);
        }
    }

    void echoThroughTheForm()
    {
        pick(QStringLiteral("echo"));
        auto *message = w<QLineEdit>("field_message");
        QVERIFY(message);
        // Required and empty: told next to the field, nothing sent.
        QVERIFY(runAndWait().contains(QStringLiteral("Check the arguments")));
        QVERIFY(w<QLabel>("error_message")->isVisible());
        QTest::keyClicks(message, QStringLiteral("hello from the form"));
        // The JSON editor follows the form …
        QVERIFY(w<QPlainTextEdit>("argumentsJson")
                    ->toPlainText()
                    .contains(QStringLiteral("\"hello from the form\"")));
        QVERIFY(runAndWait().startsWith(QStringLiteral("Done")));
        QVERIFY(w<QTextBrowser>("resultText")
                    ->toPlainText()
                    .contains(QStringLiteral("Echo: hello from the form")));
        // … and the form follows the JSON editor.
        w<QPlainTextEdit>("argumentsJson")
            ->setPlainText(QStringLiteral("{\"message\": \"typed as JSON\"}"));
        QCOMPARE(panel->form()->value().value(QStringLiteral("message")).toString(),
                 QStringLiteral("typed as JSON"));
        QCOMPARE(message->text(), QStringLiteral("typed as JSON"));
    }

    void sumWithNumbers()
    {
        pick(QStringLiteral("get-sum"));
        QTest::keyClicks(w<QLineEdit>("field_a"), QStringLiteral("19"));
        QTest::keyClicks(w<QLineEdit>("field_b"), QStringLiteral("23"));
        QCOMPARE(panel->form()->value().value(QStringLiteral("a")).toDouble(), 19.0);
        QVERIFY(runAndWait().startsWith(QStringLiteral("Done")));
        QVERIFY(w<QTextBrowser>("resultText")->toPlainText().contains(QStringLiteral("42")));
    }

    void progressBeforeTheResult()
    {
        pick(QStringLiteral("trigger-long-running-operation"));
        // Defaults are filled from the schema.
        QCOMPARE(w<QLineEdit>("field_duration")->text(), QStringLiteral("10"));
        w<QLineEdit>("field_duration")->setText(QStringLiteral("2"));
        w<QLineEdit>("field_steps")->setText(QStringLiteral("4"));
        QTest::mouseClick(w<QPushButton>("runButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QProgressBar>("progressBar")->value() > 0, 5000);
        QVERIFY(!w<QPushButton>("runButton")->isEnabled()); // still running: progress came first
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/tools-running-en.png"));
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QVERIFY(w<QLabel>("resultStatus")->text().startsWith(QStringLiteral("Done")));
    }

    void cancelARunningCall()
    {
        pick(QStringLiteral("trigger-long-running-operation"));
        w<QLineEdit>("field_duration")->setText(QStringLiteral("10"));
        QTest::mouseClick(w<QPushButton>("runButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QProgressBar>("progressBar")->value() > 0, 5000);
        QTest::mouseClick(w<QPushButton>("cancelButton"), Qt::LeftButton);
        QTRY_VERIFY(w<QPushButton>("runButton")->isEnabled());
        QVERIFY(w<QLabel>("resultStatus")->text().contains(QStringLiteral("cancelled")));
    }

    void imageIsShown()
    {
        pick(QStringLiteral("get-tiny-image"));
        QVERIFY(window->findChild<QLabel *>(QStringLiteral("noArguments")));
        QVERIFY(runAndWait().startsWith(QStringLiteral("Done")));
        auto *image = window->findChild<QLabel *>(QStringLiteral("resultImage"));
        QVERIFY(image);
        QVERIFY(!image->pixmap().isNull());
        QVERIFY(image->pixmap().width() > 0);
    }

    void structuredContentTreeAndSchemaCheck()
    {
        pick(QStringLiteral("get-structured-content"));
        auto *location = w<QComboBox>("field_location");
        QVERIFY(location);
        QCOMPARE(location->itemText(0), QStringLiteral("(not set)")); // required, no default
        location->setCurrentText(QStringLiteral("Chicago"));
        QVERIFY(runAndWait().startsWith(QStringLiteral("Done")));
        QCOMPARE(w<QLabel>("schemaCheck")->text(),
                 QStringLiteral("Matches the tool's output schema."));
        auto *tree = w<QTreeWidget>("structuredTree");
        QCOMPARE(tree->topLevelItemCount(), 1);
        QVERIFY(tree->topLevelItem(0)->childCount() >= 2);
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/tools-structured-en.png"));
    }

    void resourceLinksOpen()
    {
        pick(QStringLiteral("get-resource-links"));
        w<QLineEdit>("field_count")->setText(QStringLiteral("1"));
        QVERIFY(runAndWait().startsWith(QStringLiteral("Done")));
        const QString md = w<QTextBrowser>("resultText")->toMarkdown();
        const auto m = QRegularExpression(QStringLiteral("\\((demo://[^)]+)\\)")).match(md);
        QVERIFY2(m.hasMatch(), qPrintable(md));
        emit w<QTextBrowser>("resultText")
            ->anchorClicked(QUrl(m.captured(1))); // as a click on the link
        QTRY_VERIFY_WITH_TIMEOUT(w<QTextBrowser>("resultText")
                                     ->toMarkdown()
                                     .contains(QStringLiteral("### ") + m.captured(1)),
                                 5000);
    }

    // The server asks the user for information (elicitation, form mode): a window naming
    // the server, the form from the requested schema with its defaults; the answer reaches
    // the server, which repeats it in the tool's result.
    void elicitationFormAnswered()
    {
        pick(QStringLiteral("trigger-elicitation-request"));
        QDialog *dialog = runUntilAsked("elicitationDialog");
        QVERIFY(dialog);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("elicitationServer"))
                    ->text()
                    .contains(QStringLiteral("Everything")));
        // A 2025 server asks on the call's own stream: the call waits for the person too.
        QTRY_COMPARE(w<QLabel>("resultStatus")->text(),
                     QStringLiteral("Waiting for your answer in the server's window…"));
        auto *firstLine = dialog->findChild<QLineEdit *>(QStringLiteral("field_firstLine"));
        QVERIFY(firstLine);
        QCOMPARE(firstLine->text(),
                 QStringLiteral("It was a dark and stormy night.")); // its default
        // "name" is required: Accept without it says so and sends nothing.
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("elicitationErrors"))->isVisible());
        QVERIFY(!w<QPushButton>("runButton")->isEnabled());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("field_name")),
                         QStringLiteral("Ada Lovelace"));
        dialog->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/elicitation-en.png"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        const QString text = w<QTextBrowser>("resultText")->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Name: Ada Lovelace")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Favorite Integer: 42")),
                 qPrintable(text)); // a default, sent
        QTRY_VERIFY(!window->findChild<QDialog *>(QStringLiteral("elicitationDialog")));

        // Declined: the server hears "decline".
        QVERIFY((dialog = runUntilAsked("elicitationDialog")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("declineButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QVERIFY(w<QTextBrowser>("resultText")->toPlainText().contains(QStringLiteral("declined")));
    }

    // URL mode: the whole address and its host are shown; it opens only on consent.
    void urlElicitationAsksFirst()
    {
        pick(QStringLiteral("trigger-url-elicitation"));
        w<QLineEdit>("field_url")
            ->setText(QStringLiteral("https://login.example.com/verify?code=1"));
        QDialog *dialog = runUntilAsked("urlElicitationDialog");
        QVERIFY(dialog);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("elicitationHost"))
                    ->text()
                    .contains(QStringLiteral("login.example.com")));
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("elicitationUrl"))->text(),
                 QStringLiteral("https://login.example.com/verify?code=1"));
        QVERIFY(opened.isEmpty()); // nothing opened before the user agrees
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QCOMPARE(opened,
                 QList<QUrl>{QUrl(QStringLiteral("https://login.example.com/verify?code=1"))});
        QVERIFY(w<QTextBrowser>("resultText")
                    ->toPlainText()
                    .contains(QStringLiteral("User completed the URL elicitation")));
    }

    // The other way a server asks for a page (-32042 "URL elicitation required"): the
    // call fails with the page named, the same consent window opens it, and the call
    // run again then goes through.
    void urlElicitationRequiredError()
    {
        opened.clear();
        pick(QStringLiteral("trigger-url-elicitation"));
        w<QLineEdit>("field_url")->setText(QStringLiteral("https://login.example.com/step"));
        auto *errorPath = window->findChild<QCheckBox *>(QStringLiteral("field_errorPath"));
        QVERIFY(errorPath);
        errorPath->setCheckState(Qt::Checked);
        QDialog *dialog = runUntilAsked("urlElicitationDialog");
        QVERIFY(dialog);
        QVERIFY(
            w<QLabel>("resultStatus")->text().contains(QStringLiteral("open a web page first")));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("elicitationHost"))
                    ->text()
                    .contains(QStringLiteral("modelcontextprotocol.io")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QCOMPARE(opened, QList<QUrl>{QUrl(QStringLiteral("https://modelcontextprotocol.io"))});
        QTRY_VERIFY(!window->findChild<QDialog *>(QStringLiteral("urlElicitationDialog")));
        // Run again: the server now asks for its own page through the request path.
        QVERIFY((dialog = runUntilAsked("urlElicitationDialog")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QVERIFY(w<QTextBrowser>("resultText")
                    ->toPlainText()
                    .contains(QStringLiteral("User completed the URL elicitation")));
    }

    // Sampling: the user reads the server's messages and writes the reply.
    void samplingAnsweredByTheUser()
    {
        pick(QStringLiteral("trigger-sampling-request"));
        QTest::keyClicks(w<QLineEdit>("field_prompt"), QStringLiteral("What is 6 times 7?"));
        QDialog *dialog = runUntilAsked("samplingDialog");
        QVERIFY(dialog);
        const QString shown =
            dialog->findChild<QTextBrowser *>(QStringLiteral("samplingMessages"))->toPlainText();
        QVERIFY2(shown.contains(QStringLiteral("What is 6 times 7?")) &&
                     shown.contains(QStringLiteral("You are a helpful test server.")),
                 qPrintable(shown));
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("samplingReply")),
                         QStringLiteral("Forty-two."));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("sendButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QVERIFY2(
            w<QTextBrowser>("resultText")->toPlainText().contains(QStringLiteral("Forty-two.")),
            qPrintable(w<QTextBrowser>("resultText")->toPlainText()));
    }

    // Roots: the folders the user shares with this server, asked for by the server,
    // and a change is told to it (it asks again and sees both).
    void rootsAreTheChosenFolders()
    {
        QTemporaryDir first, second;
        window->addRootFolder(first.path());
        QTRY_COMPARE(w<QListWidget>("rootsList")->count(), 1);
        QTest::qWait(500); // the server asks for the list again after the list_changed notification
        pick(QStringLiteral("get-roots-list"));
        QVERIFY(runAndWait().startsWith(QStringLiteral("Done")));
        QString text = w<QTextBrowser>("resultText")->toPlainText();
        QVERIFY2(text.contains(QUrl::fromLocalFile(first.path()).toString()), qPrintable(text));
        window->addRootFolder(second.path());
        QTRY_COMPARE(w<QListWidget>("rootsList")->count(), 2);
        QTest::qWait(500);
        QVERIFY(runAndWait().startsWith(QStringLiteral("Done")));
        text = w<QTextBrowser>("resultText")->toPlainText();
        QVERIFY2(text.contains(QUrl::fromLocalFile(second.path()).toString()) &&
                     text.contains(QUrl::fromLocalFile(first.path()).toString()),
                 qPrintable(text));
        // Kept in the configuration, not in a session.
        QCOMPARE(manager->server(serverId)->config.roots.size(), 2);
    }

    // The Resources tab: list, read a resource, fill a template, watch for changes.
    void resourcesReadTemplatesAndUpdates()
    {
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->resourcesPanel());
        auto *list = w<QTreeWidget>("resourceList");
        QTRY_VERIFY_WITH_TIMEOUT(list->topLevelItemCount() == 2 &&
                                     list->topLevelItem(0)->childCount() > 0 &&
                                     list->topLevelItem(1)->childCount() > 0,
                                 10000);
        // A resource is read when picked.
        list->setCurrentItem(list->topLevelItem(0)->child(0));
        const QString uri = w<QLabel>("resourceTitle")->text();
        QVERIFY2(uri.startsWith(QStringLiteral("demo://")), qPrintable(uri));
        QTRY_VERIFY_WITH_TIMEOUT(
            w<QLabel>("resourceStatus")->text().startsWith(QStringLiteral("Read at")), 10000);
        QVERIFY(!w<QTextBrowser>("resourceText")->toPlainText().isEmpty());

        // A template: its variable as a field, the URI filled in.
        QVERIFY(window->resourcesPanel()->select(
            QStringLiteral("demo://resource/dynamic/text/{resourceId}")));
        auto *id = w<QLineEdit>("field_resourceId");
        QVERIFY(id);
        id->setText(QStringLiteral("7"));
        QTest::mouseClick(w<QPushButton>("readResourceButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QTextBrowser>("resourceText")
                                     ->toPlainText()
                                     .startsWith(QStringLiteral("Resource 7:")),
                                 10000);
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/resources-en.png"));

        // Watched: the server's updates are read again at once.
        QVERIFY(window->resourcesPanel()->select(uri));
        QTRY_VERIFY_WITH_TIMEOUT(
            w<QLabel>("resourceStatus")->text().startsWith(QStringLiteral("Read at")), 10000);
        auto *watch = w<QCheckBox>("subscribeBox");
        QVERIFY(watch->isEnabled());
        watch->setChecked(true);
        QTest::qWait(300); // subscribed
        RpcReply *toggle =
            manager->session(serverId)->callTool(QStringLiteral("toggle-subscriber-updates"), {});
        toggle->setAutoDelete(false); // kept to be checked below
        QTRY_VERIFY_WITH_TIMEOUT(
            w<QLabel>("resourceStatus")->text().startsWith(QStringLiteral("Updated by the server")),
            10000);
        watch->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(toggle->isFinished(), 5000);
        delete toggle;
        manager->session(serverId)->callTool(QStringLiteral("toggle-subscriber-updates"),
                                             {}); // off again
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
    }

    // The Prompts tab: arguments as a form (required marked), the messages shown.
    void promptWithArguments()
    {
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->promptsPanel());
        QTRY_VERIFY_WITH_TIMEOUT(window->promptsPanel()->select(QStringLiteral("args-prompt")),
                                 10000);
        QTest::mouseClick(w<QPushButton>("getPromptButton"), Qt::LeftButton);
        QVERIFY(w<QLabel>("promptStatus")
                    ->text()
                    .contains(QStringLiteral("Check the arguments"))); // city is required
        w<QLineEdit>("field_city")->setText(QStringLiteral("Berlin"));
        QTest::mouseClick(w<QPushButton>("getPromptButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QTextBrowser>("promptMessages")
                                     ->toPlainText()
                                     .contains(QStringLiteral("What's weather in Berlin?")),
                                 10000);
        QVERIFY(
            w<QTextBrowser>("promptMessages")->toPlainText().startsWith(QStringLiteral("user:")));
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
    }

    // Argument completion (server-everything's completable-prompt): the server's values
    // offered as the person types, asked once for a burst of keys, with the arguments
    // already filled sent as context (its "name" depends on the department).
    void completionOffersTheServersValues()
    {
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->promptsPanel());
        QTRY_VERIFY_WITH_TIMEOUT(
            window->promptsPanel()->select(QStringLiteral("completable-prompt")), 10000);
        auto *completer = window->promptsPanel()->findChild<ArgumentCompleter *>();
        QVERIFY(completer);
        QSignalSpy offered(completer, &ArgumentCompleter::offered);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        auto *department = w<QLineEdit>("field_department");
        department->setFocus();
        QTest::keyClicks(department, QStringLiteral("En"));
        QTRY_COMPARE_WITH_TIMEOUT(offered.count(), 1, 10000);
        QCOMPARE(offered.first().at(0).toString(), QStringLiteral("department"));
        QCOMPARE(offered.first().at(1).toStringList(), QStringList{QStringLiteral("Engineering")});
        QTest::qWait(2 * ArgumentCompleter::DebounceMs);
        QCOMPARE(offered.count(), 1); // two keys, one question
        QTRY_VERIFY(department->completer()->popup()->isVisible());
        const QString shots = qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath());
        withPopup(department).save(shots + QStringLiteral("/completion-en.png"));
        // Chosen from the list: the field takes it.
        QTest::keyClick(department->completer()->popup(), Qt::Key_Down);
        QTest::keyClick(department->completer()->popup(), Qt::Key_Return);
        QTRY_COMPARE(department->text(), QStringLiteral("Engineering"));
        // The next argument's values depend on the first.
        auto *name = w<QLineEdit>("field_name");
        name->setFocus();
        offered.clear();
        QTest::keyClicks(name, QStringLiteral("A"));
        QTRY_COMPARE_WITH_TIMEOUT(offered.count(), 1, 10000);
        QCOMPARE(offered.first().at(0).toString(), QStringLiteral("name"));
        QCOMPARE(offered.first().at(1).toStringList(), QStringList{QStringLiteral("Alice")});
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/mcpdesk_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        QTRY_COMPARE(w<QPushButton>("getPromptButton")->text(), QStringLiteral("获取提示"));
        QTRY_VERIFY(name->completer()->popup()->isVisible());
        withPopup(name).save(shots + QStringLiteral("/completion-zh_CN.png"));
        QCoreApplication::removeTranslator(&zh);
        name->completer()->popup()->hide();
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
    }

    // Edit ▸ Settings (Ctrl+,): each setting applied at once — the theme, the MCP
    // version asked for, the proxy (its password in the keychain only), the language —
    // and the data folder shown.
    void settingsAppliedAtOnce()
    {
        const QString shots = qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath());
        auto *open = window->findChild<QAction *>(QStringLiteral("actionSettings"));
        QVERIFY(open);
        QCOMPARE(open->shortcut(), QKeySequence(QStringLiteral("Ctrl+,")));
        open->trigger();
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<QDialog *>(QStringLiteral("settingsDialog"))) &&
                    dialog->isVisible());
        auto child = [dialog](const char *name) {
            QWidget *found = dialog->findChild<QWidget *>(QLatin1String(name));
            if (!found)
                qWarning("no widget %s", name);
            return found;
        };
        QCOMPARE(qobject_cast<QLabel *>(child("dataFolder"))->text(),
                 QDir::toNativeSeparators(dataFolder()));

        // The theme: dark, light, and the system's again.
        auto *theme = qobject_cast<QComboBox *>(child("themeCombo"));
        theme->setCurrentIndex(theme->findData(QStringLiteral("dark")));
        QTRY_VERIFY(window->palette().color(QPalette::Window).lightness() < 100);
        QTRY_VERIFY(w<QListWidget>("toolList")->palette().color(QPalette::Base).lightness() < 100);
        window->grab().save(shots + QStringLiteral("/dark-en.png"));
        theme->setCurrentIndex(theme->findData(QStringLiteral("light")));
        QTRY_VERIFY(window->palette().color(QPalette::Window).lightness() > 150);
        theme->setCurrentIndex(theme->findData(QStringLiteral("dark")));
        QTRY_VERIFY(window->palette().color(QPalette::Window).lightness() < 100);
        theme->setCurrentIndex(theme->findData(QStringLiteral("system")));
        QTRY_VERIFY(window->palette().color(QPalette::Window).lightness() > 150);
        QCOMPARE(QSettings().value(QStringLiteral("theme")).toString(), QStringLiteral("system"));

        // The version asked for where a server pins none: used by the next connection.
        auto *protocol = qobject_cast<QComboBox *>(child("defaultProtocolCombo"));
        protocol->setCurrentIndex(protocol->findData(QStringLiteral("2025-06-18")));
        QCOMPARE(manager->defaultProtocolVersion(), QStringLiteral("2025-06-18"));
        ServerConfig c;
        c.name = QStringLiteral("Everything again");
        c.url = everything.url();
        auto id = manager->addServer(c);
        QVERIFY(id);
        QTRY_COMPARE_WITH_TIMEOUT(manager->server(*id)->state, ServerState::Connected, 15000);
        QCOMPARE(manager->session(*id)->protocolVersion(), QStringLiteral("2025-06-18"));
        QVERIFY(manager->removeServer(*id));
        protocol->setCurrentIndex(0);
        QCOMPARE(manager->defaultProtocolVersion(), QString());

        // The proxy: this one, with a user name and password, for the next connection.
        Tinyproxy proxy;
        QVERIFY(proxy.start());
        qobject_cast<QRadioButton *>(child("proxy_manual"))->setChecked(true);
        QCOMPARE(qobject_cast<QLabel *>(child("proxyNote"))->text(),
                 QStringLiteral("Enter the proxy's host name."));
        auto type = [](QWidget *field, const QString &text) {
            field->setFocus();
            QTest::keyClicks(field, text);
            QTest::keyClick(field, Qt::Key_Return);
        };
        type(child("proxyHost"), QStringLiteral("127.0.0.1"));
        qobject_cast<QSpinBox *>(child("proxyPort"))->clear();
        type(child("proxyPort"), QString::number(proxy.port()));
        type(child("proxyUser"), Tinyproxy::user());
        type(child("proxyPassword"), Tinyproxy::password());
        QCOMPARE(secrets.readNow(appsettings::proxyPasswordKey()),
                 std::optional<QByteArray>(Tinyproxy::password().toUtf8()));
        QSettings().sync();
        QFile settingsFile(QSettings().fileName());
        QVERIFY(settingsFile.open(QIODevice::ReadOnly));
        const QByteArray kept = settingsFile.readAll();
        QVERIFY2(kept.contains("127.0.0.1") && !kept.contains(Tinyproxy::password().toUtf8()),
                 kept.constData());
        dialog->grab().save(shots + QStringLiteral("/settings-proxy-en.png"));
        // A server reached by this computer's name (loopback never goes through a proxy).
        const QString host = QHostInfo::localHostName();
        c.name = QStringLiteral("Through the proxy");
        c.url = QUrl(QStringLiteral("http://%1:%2/mcp").arg(host).arg(everything.port()));
        id = manager->addServer(c);
        QVERIFY(id);
        QTRY_COMPARE_WITH_TIMEOUT(manager->server(*id)->state, ServerState::Connected, 15000);
        QTRY_VERIFY2(proxy.log().contains(QStringLiteral("POST ") + c.url.toString()),
                     qPrintable(proxy.log()));
        // No proxy: the next connection goes straight to the server.
        qobject_cast<QRadioButton *>(child("proxy_none"))->setChecked(true);
        manager->disconnectServer(*id);
        const qsizetype before = proxy.log().count(QStringLiteral("POST "));
        manager->connectServer(*id);
        QTRY_COMPARE_WITH_TIMEOUT(manager->server(*id)->state, ServerState::Connected, 15000);
        QCOMPARE(proxy.log().count(QStringLiteral("POST ")), before);
        QVERIFY(manager->removeServer(*id));
        qobject_cast<QRadioButton *>(child("proxy_system"))->setChecked(true);

        // The language: the window and this dialog follow at once.
        auto *language = qobject_cast<QComboBox *>(child("languageCombo"));
        language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
        QTRY_COMPARE(dialog->windowTitle(), QStringLiteral("设置"));
        QCOMPARE(window->findChild<QMenu *>(QStringLiteral("menuEdit"))->title(),
                 QStringLiteral("编辑(&E)"));
        dialog->grab().save(shots + QStringLiteral("/settings-zh_CN.png"));
        language->setCurrentIndex(0);
        QTRY_COMPARE(dialog->windowTitle(), QStringLiteral("Settings"));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QString());
        dialog->grab().save(shots + QStringLiteral("/settings-en.png"));
        dialog->close();
        window->selectServer(serverId);
    }

    // At its default size a window fits a 1366×768 screen; there the selected tool's
    // title and full name read whole, its hints are badges that say what they mean,
    // and the divider beside the tool list stays where the person left it.
    void workbenchFitsTheWindow()
    {
        QSettings().remove(QStringLiteral("tools/splitter"));
        // A second window offers its own dialogs to the sessions opened from now on:
        // the test's window takes that back when this one is gone.
        auto restore = qScopeGuard([this] {
            manager->setClientFeaturesFactory(
                [requests = QPointer<ServerRequests>(window->serverRequests())](const QString &id) {
                    return requests ? requests->featuresFor(id) : ClientFeatures();
                });
        });
        MainWindow fresh(manager.get());
        fresh.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fresh));
        QVERIFY2(fresh.width() <= 1366 && fresh.height() <= 728,
                 qPrintable(QStringLiteral("%1×%2").arg(fresh.width()).arg(fresh.height())));
        fresh.selectServer(serverId);
        fresh.findChild<QTabWidget *>(QStringLiteral("detailsTabs"))->setCurrentIndex(1);
        ToolsPanel *tools = fresh.toolsPanel();
        QTRY_VERIFY_WITH_TIMEOUT(
            (tools->selectTool(QStringLiteral("trigger-long-running-operation")),
             tools->findChild<QLabel *>(QStringLiteral("toolName"))->text() ==
                 QStringLiteral("trigger-long-running-operation")),
            10000);
        for (const char *name : {"toolTitle", "toolName"}) {
            auto *label = tools->findChild<QLabel *>(QLatin1String(name));
            QVERIFY(label->isVisible());
            QVERIFY2(label->fontMetrics().horizontalAdvance(label->text()) <=
                         label->contentsRect().width(),
                     qPrintable(label->text()));
        }
        tools->selectTool(QStringLiteral("echo"));
        auto *readOnly = tools->findChild<QLabel *>(QStringLiteral("badge_readOnlyHint"));
        QVERIFY(readOnly);
        QTRY_VERIFY(readOnly->isVisible());
        QCOMPARE(readOnly->text(), QStringLiteral("read-only"));
        QVERIFY(readOnly->toolTip().contains(QStringLiteral("changes nothing")));
        QVERIFY(!tools->findChild<QLabel *>(QStringLiteral("badge_destructiveHint")));
        const QString shots = qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath());
        fresh.grab().save(shots + QStringLiteral("/tools-default-size-en.png"));
        // With the keyboard alone: find a tool, fill its form, run it.
        fresh.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&fresh));
        auto *search = tools->findChild<QLineEdit *>(QStringLiteral("toolSearch"));
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("get-sum"));
        QTest::keyClick(search, Qt::Key_Down);
        QTRY_COMPARE(
            QApplication::focusWidget(),
            static_cast<QWidget *>(tools->findChild<QListWidget *>(QStringLiteral("toolList"))));
        QTRY_COMPARE(tools->findChild<QLabel *>(QStringLiteral("toolName"))->text(),
                     QStringLiteral("get-sum"));
        QWidget *fieldA = nullptr;
        for (int i = 0; i < 8 && !fieldA; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            if (QApplication::focusWidget()->objectName() == QLatin1String("field_a"))
                fieldA = QApplication::focusWidget();
        }
        QVERIFY2(fieldA, qPrintable(QApplication::focusWidget()->objectName()));
        QTest::keyClicks(fieldA, QStringLiteral("2"));
        QTest::keyClick(fieldA, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("field_b"));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("3"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(tools->findChild<QLabel *>(QStringLiteral("resultStatus"))
                                     ->text()
                                     .startsWith(QStringLiteral("Done")),
                                 10000);
        QVERIFY(tools->findChild<QTextBrowser *>(QStringLiteral("resultText"))
                    ->toPlainText()
                    .contains(QStringLiteral("5")));
        // The divider moved by hand is remembered for the next window.
        auto *split = tools->findChild<QSplitter *>(QStringLiteral("toolsSplitter"));
        QSplitterHandle *handle = split->handle(1);
        const QPoint grip = handle->rect().center();
        const int before = split->sizes().at(0);
        QTest::mousePress(handle, Qt::LeftButton, {}, grip);
        QTest::mouseMove(handle, grip + QPoint(60, 0));
        QTest::mouseRelease(handle, Qt::LeftButton, {}, grip + QPoint(60, 0));
        QTRY_VERIFY(split->sizes().at(0) > before);
        const int moved = split->sizes().at(0);
        ToolsPanel again;
        again.resize(tools->size());
        again.show();
        QTRY_COMPARE(again.findChild<QSplitter *>(QStringLiteral("toolsSplitter"))->sizes().at(0),
                     moved);
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/mcpdesk_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        QTRY_COMPARE(tools->findChild<QLabel *>(QStringLiteral("badge_readOnlyHint"))->text(),
                     QStringLiteral("只读"));
        QCoreApplication::processEvents();
        fresh.grab().save(shots + QStringLiteral("/tools-default-size-zh_CN.png"));
        QCoreApplication::removeTranslator(&zh);
        QSettings().remove(QStringLiteral("tools/splitter"));
    }

    // The History tab: calls kept with arguments and results, run again with one click,
    // two results compared side by side with their differences marked.
    void historyRerunAndCompare()
    {
        panel->runWith(QStringLiteral("echo"),
                       {{QStringLiteral("message"), QStringLiteral("first")}});
        QTRY_VERIFY_WITH_TIMEOUT(
            w<QLabel>("resultStatus")->text().startsWith(QStringLiteral("Done")), 10000);
        panel->runWith(QStringLiteral("echo"),
                       {{QStringLiteral("message"), QStringLiteral("second")}});
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled() &&
                                     w<QTextBrowser>("resultText")
                                         ->toPlainText()
                                         .contains(QStringLiteral("Echo: second")),
                                 10000);
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->historyPanel());
        auto *list = w<QListWidget>("historyList");
        QTRY_VERIFY(list->count() >= 2);
        QVERIFY2(list->item(0)->text().contains(QStringLiteral("echo")),
                 qPrintable(list->item(0)->text()));
        const int before = list->count();

        // The older one, shown and run again.
        list->item(1)->setSelected(true);
        QVERIFY(
            w<QTextBrowser>("historyDetail")->toPlainText().contains(QStringLiteral("\"first\"")));
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/history-en.png"));
        QTest::mouseClick(w<QPushButton>("rerunButton"), Qt::LeftButton);
        QCOMPARE(w<QTabWidget>("detailsTabs")->currentWidget(), panel);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled() &&
                                     w<QTextBrowser>("resultText")
                                         ->toPlainText()
                                         .contains(QStringLiteral("Echo: first")),
                                 10000);
        QTRY_COMPARE(list->count(), before + 1);

        // Compare "second" with the re-run "first".
        list->clearSelection();
        list->item(0)->setSelected(true);
        list->item(1)->setSelected(true);
        QVERIFY(w<QPushButton>("compareButton")->isEnabled());
        QDialog *compare = window->historyPanel()->compareSelected();
        QVERIFY(compare);
        QVERIFY(compare->findChild<QPlainTextEdit *>(QStringLiteral("compareLeft"))
                    ->toPlainText()
                    .contains(QStringLiteral("Echo: second")));
        QVERIFY(compare->findChild<QPlainTextEdit *>(QStringLiteral("compareRight"))
                    ->toPlainText()
                    .contains(QStringLiteral("Echo: first")));
        QCOMPARE(compare->property("differentLines").toInt(), 2); // one line on each side
        compare->close();
        // Kept on disk: a new history object (as after a restart) has them.
        QVERIFY(CallHistory(window->history()->path()).calls(serverId).size() >= before + 1);
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
    }

    // The Traffic tab: the initialize exchange both ways, the HTTP requests with the
    // Authorization header masked, filters by direction and method, an export without
    // the token.
    void trafficLogMasksAuthorization()
    {
        ServerConfig c;
        c.name = QStringLiteral("Everything with a token");
        c.url = everything.url();
        c.headers = {
            {QStringLiteral("Authorization"), QStringLiteral("Bearer traffic-token-not-real")}};
        const auto id = manager->addServer(c);
        QVERIFY(id);
        window->selectServer(*id);
        QTRY_COMPARE_WITH_TIMEOUT(manager->server(*id)->state, ServerState::Connected, 15000);
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->trafficPanel());
        auto *table = w<QTableView>("trafficTable");
        QAbstractItemModel *model = table->model();
        auto rows = [model] {
            QStringList out;
            for (int r = 0; r < model->rowCount(); ++r)
                out << model->index(r, 1).data().toString() + QLatin1Char(' ') +
                           model->index(r, 2).data().toString();
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(rows().contains(QStringLiteral("← received initialize")), 10000);
        QVERIFY(rows().contains(QStringLiteral("→ sent initialize")));
        QVERIFY(rows().contains(QStringLiteral("→ sent notifications/initialized")));

        // Only the HTTP requests; the first one's headers in the detail pane.
        auto *direction = w<QComboBox>("trafficDirection");
        direction->setCurrentIndex(direction->findText(QStringLiteral("HTTP requests")));
        QVERIFY(model->rowCount() > 0);
        for (const QString &r : rows())
            QVERIFY2(r.startsWith(QStringLiteral("HTTP")), qPrintable(r));
        QCOMPARE(w<QLabel>("trafficCount")->text(),
                 QStringLiteral("%1 entries").arg(model->rowCount()));
        table->setCurrentIndex(model->index(0, 0));
        const QString detail = w<QPlainTextEdit>("trafficDetail")->toPlainText();
        QVERIFY2(detail.contains(QStringLiteral("Authorization: Bearer ••••")), qPrintable(detail));
        QVERIFY(!detail.contains(QStringLiteral("traffic-token")));
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/traffic-en.png"));

        // By method.
        direction->setCurrentIndex(0);
        w<QLineEdit>("trafficFilter")->setText(QStringLiteral("tools/list"));
        QTRY_VERIFY_WITH_TIMEOUT(rows().contains(QStringLiteral("← received tools/list")), 10000);
        QVERIFY(rows().contains(QStringLiteral("→ sent tools/list")));
        for (const QString &r : rows())
            QVERIFY2(r.contains(QStringLiteral("tools/list")), qPrintable(r));
        // The list is kept deflated: its row shows the head, the detail pane all of it.
        const int listRow = int(rows().indexOf(QStringLiteral("← received tools/list")));
        const QString line = model->index(listRow, 3).data().toString();
        QVERIFY2(line.startsWith(QStringLiteral("{\"id\":")) &&
                     line.contains(QStringLiteral("\"tools\":[")),
                 qPrintable(line));
        QCOMPARE(line.size(), 300);
        table->setCurrentIndex(model->index(listRow, 0));
        const QString list = w<QPlainTextEdit>("trafficDetail")->toPlainText();
        QVERIFY(list.contains(QStringLiteral("trigger-long-running-operation")));
        QVERIFY(list.size() > 7000); // its 17 tools, indented
        w<QLineEdit>("trafficFilter")->clear();

        // Exported as JSON lines, still masked.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("traffic.jsonl"));
        QVERIFY(window->trafficPanel()->exportTo(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        QVERIFY(data.contains("\"method\":\"initialize\""));
        QVERIFY(!data.contains("traffic-token"));

        QVERIFY(manager->removeServer(*id));
        window->selectServer(serverId);
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(w<QListWidget>("toolList")->count() >= 10, 10000);
    }

    void chineseToolPanel()
    {
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/mcpdesk_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        QTRY_COMPARE(w<QPushButton>("runButton")->text(), QStringLiteral("运行"));
        const auto tags =
            w<QListWidget>("toolList")
                ->findItems(QStringLiteral("get-structured-content"), Qt::MatchStartsWith);
        QCOMPARE(tags.size(), 1);
        QVERIFY2(tags.first()->text().contains(QStringLiteral("只读")),
                 qPrintable(tags.first()->text()));
        pick(QStringLiteral("get-structured-content"));
        w<QComboBox>("field_location")->setCurrentText(QStringLiteral("Chicago"));
        QVERIFY(runAndWait().startsWith(QStringLiteral("用时")));
        QCOMPARE(w<QLabel>("schemaCheck")->text(), QStringLiteral("符合该工具的输出模式。"));
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/tools-structured-zh_CN.png"));
        // The traffic log in Chinese.
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->trafficPanel());
        QCOMPARE(w<QTabWidget>("detailsTabs")
                     ->tabText(w<QTabWidget>("detailsTabs")->indexOf(window->trafficPanel())),
                 QStringLiteral("通信"));
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/traffic-zh_CN.png"));
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        // The history in Chinese.
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->historyPanel());
        QCOMPARE(w<QPushButton>("rerunButton")->text(), QStringLiteral("再次运行"));
        w<QListWidget>("historyList")->item(0)->setSelected(true);
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/history-zh_CN.png"));
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        // The elicitation window in Chinese.
        pick(QStringLiteral("trigger-elicitation-request"));
        QDialog *dialog = runUntilAsked("elicitationDialog");
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QPushButton *>(QStringLiteral("acceptButton"))->text(),
                 QStringLiteral("接受"));
        dialog->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/elicitation-zh_CN.png"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QCoreApplication::removeTranslator(&zh);
    }

    // 20 MB of text from a server made with the official SDK (no real peer returns that
    // much: server-everything refuses such a request). Shown in full, the window keeps
    // answering while it fills; the largest event-loop stall is printed (a figure for
    // the benchmarks, not asserted here).
    void largeTextShownInFull()
    {
        TrafficLog log; // outlives the session
        TrafficPanel traffic;
        PeerProcess big;
        std::unique_ptr<McpSession> session;
        ToolsPanel bigPanel;
        bigPanel.resize(1000, 700);
        QVERIFY(openBigResultServer(big, session, bigPanel));
        // The traffic is recorded and shown meanwhile, as in the app.
        session->setTrafficLog(&log);
        traffic.setLog(&log);
        traffic.resize(900, 400);
        traffic.show();
        bigPanel.selectTool(QStringLiteral("big-text"));
        auto *status = bigPanel.findChild<QLabel *>(QStringLiteral("resultStatus"));
        auto *plain = bigPanel.findChild<QPlainTextEdit *>(QStringLiteral("resultPlainText"));
        auto *run = bigPanel.findChild<QPushButton *>(QStringLiteral("runButton"));
        QVERIFY(status && plain && run);

        // The probe: a 1 ms timer; the largest gap between its ticks is the longest stall.
        QElapsedTimer probeClock;
        qint64 last = 0, worst = 0;
        QTimer probe;
        probe.setInterval(1);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            const qint64 now = probeClock.elapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
        probeClock.start();
        probe.start();
        bigPanel.run();
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("Large result")), 60000);
        probe.stop();
        qInfo("20 MB text result: shown after %lld ms, longest event-loop stall %lld ms",
              probeClock.elapsed(), worst);
        QVERIFY2(status->text().startsWith(QStringLiteral("Done")), qPrintable(status->text()));
        // In full: every one of the 209,715 numbered lines, the last one too.
        const QTextDocument *doc = plain->document();
        QCOMPARE(doc->blockCount(), 209715 + 1); // the text ends with a newline
        QVERIFY(doc->findBlockByNumber(0).text().startsWith(QStringLiteral("000001 xxx")));
        QVERIFY(doc->findBlockByNumber(209714).text().startsWith(QStringLiteral("209715 xxx")));
        QCOMPARE(doc->findBlockByNumber(209714).text().size(), 99);
        QVERIFY(!status->text().contains(QStringLiteral("line break")));
        // The Traffic tab lists it by its outline and size, not 20 MB of text per paint.
        QCOMPARE(log.at(log.size() - 1).method, QStringLiteral("tools/call"));
        QVERIFY(log.at(log.size() - 1).json.isEmpty()); // kept as received
        auto *rows = traffic.findChild<QTableView *>();
        QVERIFY(rows && rows->model()->rowCount() == int(log.size()));
        const QString shown =
            rows->model()->index(rows->model()->rowCount() - 1, 3).data().toString();
        QVERIFY2(shown.contains(QStringLiteral("\"result\":{…}")) &&
                     shown.contains(QStringLiteral(" MB")),
                 qPrintable(shown));
        QVERIFY(shown.size() < 300);

        // One 2 MB line: broken for display only, every character still there.
        bigPanel.form()->setValue(
            {{QStringLiteral("megabytes"), 2}, {QStringLiteral("lineLength"), 0}});
        bigPanel.run();
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("Large result")), 30000);
        QVERIFY2(status->text().contains(QStringLiteral("line break")), qPrintable(status->text()));
        QCOMPARE(plain->toPlainText().remove(QLatin1Char('\n')).size(), 2 * 1024 * 1024);
        QVERIFY(bigPanel.findChild<QPushButton *>(QStringLiteral("saveTextButton"))->isVisible());

        // A small result afterwards is Markdown again.
        bigPanel.form()->setValue(
            {{QStringLiteral("megabytes"), 0.001}, {QStringLiteral("lineLength"), 100}});
        bigPanel.run();
        QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 10000);
        QVERIFY(!plain->isVisible());
        QVERIFY(bigPanel.findChild<QTextBrowser *>(QStringLiteral("resultText"))
                    ->toPlainText()
                    .contains(QStringLiteral("000001")));
    }

    // Audio content: named with its type and size, with a button to save it.
    void audioCanBeSaved()
    {
        PeerProcess big;
        std::unique_ptr<McpSession> session;
        ToolsPanel bigPanel;
        QVERIFY(openBigResultServer(big, session, bigPanel));
        bigPanel.selectTool(QStringLiteral("tone"));
        bigPanel.run();
        QTRY_VERIFY_WITH_TIMEOUT(bigPanel.findChild<QLabel *>(QStringLiteral("resultStatus"))
                                     ->text()
                                     .startsWith(QStringLiteral("Done")),
                                 10000);
        auto *save = bigPanel.findChild<QPushButton *>(QStringLiteral("saveAudioButton"));
        QVERIFY(save);
        QVERIFY2(save->text().contains(QStringLiteral("audio/wav")) &&
                     save->text().contains(QStringLiteral("1.6 KB")),
                 qPrintable(save->text()));
    }

    // 100,000 items of structured content: the tree opens at once (children made when
    // expanded, long arrays in ranges) and every item can be reached.
    void largeStructuredTree()
    {
        PeerProcess big;
        std::unique_ptr<McpSession> session;
        ToolsPanel bigPanel;
        QVERIFY(openBigResultServer(big, session, bigPanel));
        bigPanel.selectTool(QStringLiteral("big-structured"));
        bigPanel.run();
        auto *status = bigPanel.findChild<QLabel *>(QStringLiteral("resultStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Done")), 30000);
        QCOMPARE(bigPanel.findChild<QLabel *>(QStringLiteral("schemaCheck"))->text(),
                 QStringLiteral("Matches the tool's output schema."));
        auto *tree = bigPanel.findChild<QTreeWidget *>(QStringLiteral("structuredTree"));
        QTreeWidgetItem *items = tree->topLevelItem(0)->child(0);
        QCOMPARE(items->text(0), QStringLiteral("items"));
        QCOMPARE(items->text(1), QStringLiteral("[100000]"));
        items->setExpanded(true);
        QCOMPARE(items->childCount(), 100); // ranges of 1,000
        QTreeWidgetItem *lastRange = items->child(99);
        QCOMPARE(lastRange->text(0), QStringLiteral("[99000 … 99999]"));
        lastRange->setExpanded(true);
        QCOMPARE(lastRange->childCount(), 1000);
        QTreeWidgetItem *last = lastRange->child(999);
        QCOMPARE(last->text(0), QStringLiteral("99999"));
        last->setExpanded(true);
        QCOMPARE(last->child(1)->text(1), QStringLiteral("item 99999"));
    }

    // A server that speaks only MCP 2026-07-28 (the project's dual-era server on the
    // official SDK 2.x) works in the app as a legacy one does: connected without a
    // handshake, its protocol shown, its tools listed and run from the form (an
    // argument marked x-mcp-header sent as a header too), in English and Chinese.
    void modernServerInTheWorkbench()
    {
        const QString log = g_home->filePath(QStringLiteral("modern.jsonl"));
        // The era verdicts kept, as the app keeps them (for this server only).
        EraCache eras(g_home->filePath(QStringLiteral("modern-eras.json")));
        manager->setEraCache(&eras);
        PeerProcess modern;
        QVERIFY(
            modern.startDualEra({QStringLiteral("--modern-only"), QStringLiteral("--log"), log}));
        ServerConfig c;
        c.name = QStringLiteral("Modern");
        c.url = modern.url();
        const auto id = manager->addServer(c);
        QVERIFY(id);
        window->selectServer(*id);
        QTRY_COMPARE_WITH_TIMEOUT(manager->server(*id)->state, ServerState::Connected, 15000);
        QCOMPARE(manager->session(*id)->era(), McpSession::Era::Modern);
        w<QTabWidget>("detailsTabs")->setCurrentIndex(0);
        QTRY_COMPARE(w<QLabel>("detailsProtocol")->text(), QStringLiteral("2026-07-28"));
        QTRY_VERIFY2(w<QLabel>("detailsEra")->text().startsWith(QStringLiteral("modern")) &&
                         w<QLabel>("detailsEra")->text().contains(QStringLiteral(", detected ")),
                     qPrintable(w<QLabel>("detailsEra")->text()));
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/overview-modern-en.png"));
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        QTRY_COMPARE_WITH_TIMEOUT(w<QListWidget>("toolList")->count(), 11, 10000);
        pick(QStringLiteral("route"));
        QTest::keyClicks(w<QLineEdit>("field_region"), QStringLiteral("eu-west"));
        QVERIFY(runAndWait().startsWith(QStringLiteral("Done")));
        QVERIFY2(w<QTextBrowser>("resultText")
                     ->toPlainText()
                     .contains(QStringLiteral("routed to eu-west")),
                 qPrintable(w<QTextBrowser>("resultText")->toPlainText()));
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/tools-modern-en.png"));
        QFile wire(log);
        QVERIFY(wire.open(QIODevice::ReadOnly));
        const QByteArray sent = wire.readAll();
        QVERIFY(sent.contains("\"mcp-param-region\":\"eu-west\""));
        QVERIFY(!sent.contains("\"method\":\"initialize\""));
        // The app listens for changes: a tool another client adds shows up without a click.
        QVERIFY(sent.contains("\"method\":\"subscriptions/listen\""));
        const CliRun added =
            runCli({QStringLiteral("call"), modern.url().toString(), QStringLiteral("add-tool"),
                    QStringLiteral("--args"), QStringLiteral("{\"name\": \"zed\"}")});
        QVERIFY2(added.code == 0, qPrintable(added.err));
        QTRY_COMPARE_WITH_TIMEOUT(w<QListWidget>("toolList")->count(), 12, 10000);
        QVERIFY(!w<QListWidget>("toolList")
                     ->findItems(QStringLiteral("zed"), Qt::MatchStartsWith)
                     .isEmpty());
        QCOMPARE(manager->server(*id)->state, ServerState::Connected);
        // A watched resource is read again when another client changes it.
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->resourcesPanel());
        QTRY_VERIFY_WITH_TIMEOUT(window->resourcesPanel()->select(QStringLiteral("dual://note")),
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            w<QLabel>("resourceStatus")->text().startsWith(QStringLiteral("Read at")), 10000);
        QSignalSpy listening(manager->session(*id), &McpSession::listening);
        w<QCheckBox>("subscribeBox")->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(listening.count(), 1, 10000); // listened again, with it
        const CliRun noted =
            runCli({QStringLiteral("call"), modern.url().toString(), QStringLiteral("update-note"),
                    QStringLiteral("--args"), QStringLiteral("{\"text\": \"written elsewhere\"}")});
        QVERIFY2(noted.code == 0, qPrintable(noted.err));
        QTRY_VERIFY_WITH_TIMEOUT(
            w<QLabel>("resourceStatus")->text().startsWith(QStringLiteral("Updated by the server")),
            10000);
        QTRY_VERIFY_WITH_TIMEOUT(w<QTextBrowser>("resourceText")
                                     ->toPlainText()
                                     .contains(QStringLiteral("written elsewhere")),
                                 10000);
        w<QCheckBox>("subscribeBox")->setChecked(false);
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);

        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/mcpdesk_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        QTRY_COMPARE(w<QPushButton>("runButton")->text(), QStringLiteral("运行"));
        pick(QStringLiteral("echo"));
        w<QLineEdit>("field_message")->setText(QStringLiteral("你好")); // keyClicks is ASCII only
        QVERIFY(runAndWait().startsWith(QStringLiteral("用时")));
        QVERIFY(
            w<QTextBrowser>("resultText")->toPlainText().contains(QStringLiteral("Echo: 你好")));
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/tools-modern-zh_CN.png"));
        w<QTabWidget>("detailsTabs")->setCurrentIndex(0);
        window->grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                            QStringLiteral("/overview-modern-zh_CN.png"));
        QCoreApplication::removeTranslator(&zh);
        // Connected again, the era is remembered; "Detect again" finds it anew.
        manager->disconnectServer(*id);
        manager->connectServer(*id);
        QTRY_COMPARE_WITH_TIMEOUT(manager->server(*id)->state, ServerState::Connected, 15000);
        QTRY_VERIFY2(w<QLabel>("detailsEra")->text().contains(QStringLiteral("remembered from")),
                     qPrintable(w<QLabel>("detailsEra")->text()));
        QTRY_VERIFY(w<QPushButton>("detectEraButton")->isEnabled());
        QTest::mouseClick(w<QPushButton>("detectEraButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(manager->server(*id)->state, ServerState::Connected, 15000);
        QTRY_VERIFY2(w<QLabel>("detailsEra")->text().contains(QStringLiteral(", detected ")),
                     qPrintable(w<QLabel>("detailsEra")->text()));
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        manager->removeServer(*id);
        manager->setEraCache(nullptr);
        window->selectServer(serverId);
    }

    // A modern server asks inside its result (input_required): the same windows as a
    // legacy server's own requests, naming the server; the call shows that it waits
    // for the person, Cancel in the Tools tab closes the window; the traffic log has
    // each round, the server's requestState by its size only.
    void modernServerAsksThePerson()
    {
        PeerProcess modern;
        QVERIFY(modern.startDualEra({QStringLiteral("--modern-only")}));
        ServerConfig c;
        c.name = QStringLiteral("Asking");
        c.url = modern.url();
        const QString id = connectNew(c);
        QVERIFY(!id.isEmpty());
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(w<QListWidget>("toolList")->count() >= 11, 10000);
        const QString shots = qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath());

        // A form, answered: the call goes on with the answer.
        pick(QStringLiteral("ask-name"));
        QDialog *dialog = runUntilAsked("elicitationDialog");
        QVERIFY(dialog);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("elicitationServer"))
                    ->text()
                    .contains(QStringLiteral("Asking")));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("elicitationMessage"))
                    ->text()
                    .contains(QStringLiteral("Who is asking?")));
        QTRY_COMPARE(w<QLabel>("resultStatus")->text(),
                     QStringLiteral("Waiting for your answer in the server's window…"));
        QVERIFY(w<QPushButton>("cancelButton")->isEnabled());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("field_name")),
                         QStringLiteral("Ada"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("field_age")),
                         QStringLiteral("36"));
        window->grab().save(shots + QStringLiteral("/mrtr-waiting-en.png"));
        dialog->grab().save(shots + QStringLiteral("/mrtr-elicitation-en.png"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QVERIFY2(w<QTextBrowser>("resultText")
                     ->toPlainText()
                     .contains(QStringLiteral("Hello, Ada (36)!")),
                 qPrintable(w<QTextBrowser>("resultText")->toPlainText()));

        // Declined: the server hears "decline".
        QVERIFY((dialog = runUntilAsked("elicitationDialog")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("declineButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QVERIFY(w<QTextBrowser>("resultText")
                    ->toPlainText()
                    .contains(QStringLiteral("no name: decline")));

        // Cancelled in the Tools tab: the call ends and its window closes.
        QVERIFY((dialog = runUntilAsked("elicitationDialog")));
        const QPointer<QDialog> asking(dialog);
        QTRY_VERIFY(w<QPushButton>("cancelButton")->isEnabled());
        QTest::mouseClick(w<QPushButton>("cancelButton"), Qt::LeftButton);
        QTRY_VERIFY(w<QPushButton>("runButton")->isEnabled());
        QTRY_VERIFY(!asking);
        QVERIFY2(w<QLabel>("resultStatus")->text().contains(QStringLiteral("ancelled")),
                 qPrintable(w<QLabel>("resultStatus")->text()));

        // A page to visit: opened only on consent.
        opened.clear();
        pick(QStringLiteral("ask-visit"));
        QVERIFY((dialog = runUntilAsked("urlElicitationDialog")));
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("elicitationUrl"))->text(),
                 QStringLiteral("https://example.invalid/link?code=42"));
        QVERIFY(opened.isEmpty());
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QCOMPARE(opened, QList<QUrl>{QUrl(QStringLiteral("https://example.invalid/link?code=42"))});
        QVERIFY(w<QTextBrowser>("resultText")
                    ->toPlainText()
                    .contains(QStringLiteral("visit consented")));

        // Sampling: the person writes the reply.
        pick(QStringLiteral("ask-model"));
        QVERIFY((dialog = runUntilAsked("samplingDialog")));
        QVERIFY(dialog->findChild<QTextBrowser *>(QStringLiteral("samplingMessages"))
                    ->toPlainText()
                    .contains(QStringLiteral("Say one word.")));
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("samplingReply")),
                         QStringLiteral("banana"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("sendButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QVERIFY(w<QTextBrowser>("resultText")
                    ->toPlainText()
                    .contains(QStringLiteral("the model said: banana")));

        // Roots: the folders chosen for this server, nobody asked.
        QTemporaryDir folder;
        window->addRootFolder(folder.path());
        pick(QStringLiteral("ask-roots"));
        QVERIFY(runAndWait().startsWith(QStringLiteral("Done")));
        QVERIFY2(w<QTextBrowser>("resultText")
                     ->toPlainText()
                     .contains(QUrl::fromLocalFile(folder.path()).toString()),
                 qPrintable(w<QTextBrowser>("resultText")->toPlainText()));

        // The traffic log: the question, the call again with the answer; the state by size.
        const TrafficLog *traffic = manager->traffic(id);
        QVERIFY(traffic);
        QStringList asked, answered;
        for (qsizetype i = 0; i < traffic->size(); ++i) {
            const TrafficLog::Entry &e = traffic->at(i);
            const QByteArray json = e.compactJson();
            if (e.direction == TrafficLog::Direction::Received &&
                json.contains("\"input_required\"") && json.contains("Who is asking?"))
                asked << QString::fromUtf8(json);
            if (e.direction == TrafficLog::Direction::Sent && json.contains("\"inputResponses\"") &&
                json.contains("\"Ada\""))
                answered << QString::fromUtf8(json);
        }
        QVERIFY2(!asked.isEmpty() && !answered.isEmpty(),
                 qPrintable(asked.join(QLatin1Char('\n'))));
        const QRegularExpression bySize(
            QStringLiteral("\"requestState\":\"•••• \\(\\d+ bytes\\)\""));
        QVERIFY2(bySize.match(asked.first()).hasMatch(), qPrintable(asked.first()));
        QVERIFY2(bySize.match(answered.first()).hasMatch(), qPrintable(answered.first()));

        // In Chinese: the waiting call and the window.
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/mcpdesk_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        pick(QStringLiteral("ask-name"));
        QVERIFY((dialog = runUntilAsked("elicitationDialog")));
        QTRY_COMPARE(w<QLabel>("resultStatus")->text(),
                     QStringLiteral("正在等待您在服务器窗口中的回答…"));
        window->grab().save(shots + QStringLiteral("/mrtr-waiting-zh_CN.png"));
        dialog->grab().save(shots + QStringLiteral("/mrtr-elicitation-zh_CN.png"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QPushButton>("runButton")->isEnabled(), 10000);
        QCoreApplication::removeTranslator(&zh);

        manager->removeServer(id);
        window->selectServer(serverId);
    }

    // Icons (MCP 2025-11-25): the server's own PNG shown in the list, the tool list and
    // on the Overview, the one for the palette's theme; a hostile SVG, an icon on
    // another origin, one on a remote http: host and a 50 MB one refused, each saying
    // why in its tooltip; fetched without credentials and kept on disk.
    void iconsShownAndRefused()
    {
        const QString log = g_home->filePath(QStringLiteral("icons.jsonl"));
        PeerProcess modern;
        QVERIFY(
            modern.startDualEra({QStringLiteral("--modern-only"), QStringLiteral("--log"), log}));
        ServerConfig c;
        c.name = QStringLiteral("With icons");
        c.url = modern.url();
        c.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer not-for-icons")}};
        const QString id = connectNew(c);
        QVERIFY(!id.isEmpty());
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(w<QListWidget>("toolList")->count() >= 11, 10000);
        auto item = [this](const QString &name) -> QListWidgetItem * {
            const auto *list = w<QListWidget>("toolList");
            for (int i = 0; i < list->count(); ++i)
                if (list->item(i)->data(Qt::UserRole).toString() == name)
                    return list->item(i);
            return nullptr;
        };
        auto problem = [&item](const QString &name) {
            QListWidgetItem *i = item(name);
            return i ? i->data(IconProblemRole) : QVariant();
        };
        auto centre = [](const QIcon &icon) {
            return icon.pixmap(16, 16).toImage().pixelColor(8, 8);
        };
        // The server's PNG, from its own address.
        QTRY_VERIFY_WITH_TIMEOUT(problem(QStringLiteral("echo")).isValid(), 10000);
        QCOMPARE(problem(QStringLiteral("echo")).toString(), QString());
        QCOMPARE(centre(item(QStringLiteral("echo"))->icon()), QColor(31, 111, 235));
        QTRY_COMPARE(problem(QStringLiteral("slow")).toString(), QString()); // a data: URI
        // Refused, each in words.
        QTRY_VERIFY_WITH_TIMEOUT(
            problem(QStringLiteral("route")).toString().contains(QStringLiteral("script")), 10000);
        QVERIFY(problem(QStringLiteral("count"))
                    .toString()
                    .contains(QStringLiteral("not on the server's own address")));
        QVERIFY(problem(QStringLiteral("ask-name")).toString().contains(QStringLiteral("http:")));
        QTRY_VERIFY_WITH_TIMEOUT(problem(QStringLiteral("ask-visit"))
                                     .toString()
                                     .contains(QStringLiteral("larger than 512 KB")),
                                 15000);
        QVERIFY(item(QStringLiteral("route"))
                    ->toolTip()
                    .contains(QStringLiteral("Icon: The SVG contains a script.")));
        QCOMPARE(centre(item(QStringLiteral("route"))->icon()), centre(IconLoader::fallback()));
        // The server's own, in the list and on the Overview: the light one here.
        const QModelIndex row = window->serverModel()->indexOf(id);
        QTRY_VERIFY_WITH_TIMEOUT(!qvariant_cast<QIcon>(row.data(ServerIconRole)).isNull(), 10000);
        QCOMPARE(centre(qvariant_cast<QIcon>(row.data(ServerIconRole))), QColor(31, 111, 235));
        w<QTabWidget>("detailsTabs")->setCurrentIndex(0);
        auto *serverIcon = w<QLabel>("detailsServerIcon");
        QTRY_VERIFY(!serverIcon->pixmap().isNull());
        QCOMPARE(serverIcon->property("problem").toString(), QString());
        const QString shots = qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath());
        window->grab().save(shots + QStringLiteral("/overview-icon-en.png"));
        // A dark palette: the dark one.
        appsettings::applyTheme(QStringLiteral("dark"));
        window->selectServer(serverId);
        window->selectServer(id);
        QTRY_COMPARE(
            serverIcon->pixmap().toImage().pixelColor(serverIcon->pixmap().rect().center()),
            QColor(46, 160, 67));
        appsettings::applyTheme(QStringLiteral("system"));
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/mcpdesk_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        QTRY_COMPARE(w<QTabWidget>("detailsTabs")->tabText(0), QStringLiteral("概览"));
        QCoreApplication::processEvents();
        window->grab().save(shots + QStringLiteral("/overview-icon-zh_CN.png"));
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        QCoreApplication::processEvents();
        window->grab().save(shots + QStringLiteral("/tools-icons-zh_CN.png"));
        QCoreApplication::removeTranslator(&zh);
        // A prompt's icon (a data: URI) in the Prompts tab.
        w<QTabWidget>("detailsTabs")->setCurrentWidget(window->promptsPanel());
        auto *prompts = w<QListWidget>("promptList");
        QTRY_VERIFY_WITH_TIMEOUT(
            prompts->count() > 0 && prompts->item(0)->data(IconProblemRole).isValid(), 10000);
        QCOMPARE(prompts->item(0)->data(Qt::UserRole).toString(), QStringLiteral("greet"));
        QCOMPARE(prompts->item(0)->data(IconProblemRole).toString(), QString());
        QCOMPARE(centre(prompts->item(0)->icon()), QColor(31, 111, 235));
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        // Fetched without the server's credentials, and kept on disk.
        QFile wire(log);
        QVERIFY(wire.open(QIODevice::ReadOnly));
        const QByteArray seen = wire.readAll();
        QVERIFY2(seen.contains("\"event\":\"icon\",\"name\":\"light.png\""), seen.constData());
        QVERIFY(!seen.contains("not-for-icons\"}\n{\"event\":\"icon"));
        for (const QByteArray &line : seen.split('\n'))
            if (line.contains("\"event\":\"icon\""))
                QVERIFY2(line.contains("\"cookie\":null,\"authorization\":null"), line.constData());
        QVERIFY(!QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                      QStringLiteral("/icons"))
                     .entryList(QDir::Files)
                     .isEmpty());
        manager->removeServer(id);
        window->selectServer(serverId);
    }

    // The same icons from the same server spoken to at 2025-11-25: shown and refused alike.
    void iconsOnALegacyServer()
    {
        PeerProcess dual;
        QVERIFY(dual.startDualEra({}));
        ServerConfig c;
        c.name = QStringLiteral("Icons at 2025-11-25");
        c.url = dual.url();
        c.extraEndpoint.insert(QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25"));
        const QString id = connectNew(c);
        QVERIFY(!id.isEmpty());
        QCOMPARE(manager->session(id)->era(), McpSession::Era::Legacy);
        w<QTabWidget>("detailsTabs")->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(w<QListWidget>("toolList")->count() >= 11, 10000);
        auto problem = [this](const QString &name) {
            const auto *list = w<QListWidget>("toolList");
            for (int i = 0; i < list->count(); ++i)
                if (list->item(i)->data(Qt::UserRole).toString() == name)
                    return list->item(i)->data(IconProblemRole);
            return QVariant();
        };
        QTRY_VERIFY_WITH_TIMEOUT(problem(QStringLiteral("echo")).isValid(), 10000);
        QCOMPARE(problem(QStringLiteral("echo")).toString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(
            problem(QStringLiteral("route")).toString().contains(QStringLiteral("script")), 10000);
        QVERIFY(problem(QStringLiteral("count"))
                    .toString()
                    .contains(QStringLiteral("not on the server's own address")));
        const QModelIndex row = window->serverModel()->indexOf(id);
        QTRY_VERIFY_WITH_TIMEOUT(!qvariant_cast<QIcon>(row.data(ServerIconRole)).isNull(), 10000);
        manager->removeServer(id);
        window->selectServer(serverId);
    }

    // The server editor pins a version of MCP (kept in endpoint.protocolVersion) or
    // leaves it to be found out; a version McpDesk does not know is kept as written.
    void serverEditorPinsAVersion()
    {
        ServerDialog d;
        ServerConfig c;
        c.name = QStringLiteral("Pinned");
        c.url = QUrl(QStringLiteral("http://127.0.0.1:9/mcp"));
        c.extraEndpoint.insert(QStringLiteral("protocolVersion"), QStringLiteral("2025-06-18"));
        d.setServer(c);
        auto *combo = d.findChild<QComboBox *>(QStringLiteral("protocolCombo"));
        QVERIFY(combo);
        QCOMPARE(combo->currentData().toString(), QStringLiteral("2025-06-18"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("2026-07-28")));
        QCOMPARE(d.server().protocolPin(), QStringLiteral("2026-07-28"));
        QCOMPARE(d.server().endpointSpec().protocolVersion, QStringLiteral("2026-07-28"));
        combo->setCurrentIndex(0);
        QVERIFY(!d.server().extraEndpoint.contains(QStringLiteral("protocolVersion")));
        QCOMPARE(d.server().protocolPin(), QString());
        c.extraEndpoint.insert(QStringLiteral("protocolVersion"), QStringLiteral("2099-01-01"));
        d.setServer(c);
        QCOMPARE(d.server().protocolPin(), QStringLiteral("2099-01-01"));
        QVERIFY(combo->currentText().contains(QStringLiteral("not one McpDesk speaks")));
        combo->setCurrentIndex(combo->findData(QStringLiteral("2025-11-25")));
        d.resize(d.sizeHint());
        d.grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                      QStringLiteral("/server-editor-version-en.png"));
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/mcpdesk_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        ServerDialog dz;
        dz.setServer(c);
        dz.findChild<QComboBox *>(QStringLiteral("protocolCombo"))->setCurrentIndex(0);
        QCOMPARE(dz.findChild<QComboBox *>(QStringLiteral("protocolCombo"))->currentText(),
                 QStringLiteral("自动检测（推荐）"));
        dz.resize(dz.sizeHint());
        dz.grab().save(qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath()) +
                       QStringLiteral("/server-editor-version-zh_CN.png"));
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
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());   // the call history
    qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toUtf8()); // icons
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("McpDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("McpDesk-workbench-test"));
    TestWorkbench test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_workbench.moc"
