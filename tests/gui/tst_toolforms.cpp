// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Forms generated from schemas: the 24 real tools of the Notion MCP server
// (large `$ref`/`$defs` schemas) and a table of constructs, malformed and hostile
// schemas. Each gives a usable form and, from the schema's defaults, a valid
// argument object.
#include "PeerProcess.h"

#include "ToolForm.h"
#include "protocol/McpSession.h"
#include "schema/JsonSchema.h"
#include "schema/SchemaSample.h"
#include "transport/StreamableHttpTransport.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace mcpdesk;

class TestToolForms : public QObject
{
    Q_OBJECT
private slots:
    void notionTools()
    {
        const quint16 port = PeerProcess::freePort();
        QProcess notion;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("NOTION_TOKEN"), QStringLiteral("not-a-real-token"));
        notion.setProcessEnvironment(e);
        notion.start(PeerProcess::node(),
                     {PeerProcess::peersDir() +
                          QStringLiteral("/node_modules/@notionhq/notion-mcp-server/bin/cli.mjs"),
                      QStringLiteral("--transport"), QStringLiteral("http"),
                      QStringLiteral("--port"), QString::number(port),
                      QStringLiteral("--auth-token"), QStringLiteral("test-auth")});
        QVERIFY(PeerProcess::portOpen(port, 20000));
        auto *t =
            new StreamableHttpTransport(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port)));
        t->setHeaders(
            {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer test-auth")}});
        McpSession session(t);
        QSignalSpy ready(&session, &McpSession::ready);
        session.open();
        QVERIFY(ready.wait(15000));
        RpcReply *list = session.listTools();
        list->setAutoDelete(false);
        QSignalSpy done(list, &RpcReply::finished);
        QVERIFY(done.wait(15000));
        const QJsonArray tools = list->result().toArray();
        delete list;
        QCOMPARE(tools.size(), 24);
        QStringList problems;
        int refs = 0;
        for (const QJsonValue &v : tools) {
            const QJsonObject tool = v.toObject();
            const QString name = tool.value(QStringLiteral("name")).toString();
            const QJsonObject schema = tool.value(QStringLiteral("inputSchema")).toObject();
            refs += QJsonDocument(schema).toJson().count("$ref");
            const SchemaValidator validator(schema);
            const QJsonObject args = sampleArguments(schema, &validator);
            for (const auto &err : validator.validate(args))
                problems << QStringLiteral("%1 sample %2: %3").arg(name, err.path, err.message);
            ToolForm form(schema);
            form.setValue(args);
            if (!form.validate())
                problems << QStringLiteral("%1 form: %2")
                                .arg(name, form.errors().join(QStringLiteral("; ")));
        }
        QVERIFY(refs > 50); // these schemas do use $ref
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        session.close();
        notion.terminate();
        notion.waitForFinished(3000);
    }

    void constructs_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::newRow("every simple type") << QByteArray(
            "{\"type\":\"object\",\"required\":[\"s\",\"n\",\"i\",\"b\"],\"properties\":{\"s\":{"
            "\"type\":\"string\",\"default\":\"x\"},\"n\":{\"type\":\"number\",\"default\":1.5},"
            "\"i\":{\"type\":\"integer\",\"minimum\":2,\"default\":2},\"b\":{\"type\":\"boolean\","
            "\"default\":true},\"e\":{\"enum\":[\"a\",\"b\"]},\"c\":{\"const\":7}}}");
        QTest::newRow("formats") << QByteArray(
            "{\"type\":\"object\",\"required\":[\"d\",\"t\",\"m\",\"u\"],\"properties\":{\"d\":{"
            "\"type\":\"string\",\"format\":\"date\"},\"t\":{\"type\":\"string\",\"format\":\"date-"
            "time\"},\"m\":{\"type\":\"string\",\"format\":\"email\"},\"u\":{\"type\":\"string\","
            "\"format\":\"uri\"}}}");
        QTest::newRow("oneOf shapes") << QByteArray(
            "{\"type\":\"object\",\"required\":[\"x\"],\"properties\":{\"x\":{\"oneOf\":[{\"type\":"
            "\"object\",\"title\":\"By "
            "id\",\"required\":[\"id\"],\"properties\":{\"id\":{\"type\":\"string\",\"minLength\":"
            "3}}},{\"type\":\"object\",\"title\":\"By "
            "name\",\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\"}}}]}}}");
        QTest::newRow("arrays") << QByteArray(
            "{\"type\":\"object\",\"properties\":{\"tags\":{\"type\":\"array\",\"items\":{\"type\":"
            "\"string\"}},\"points\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
            "\"properties\":{\"x\":{\"type\":\"number\"}}}}}}");
        QTest::newRow("nested and refs") << QByteArray(
            "{\"$defs\":{\"addr\":{\"type\":\"object\",\"required\":[\"city\"],\"properties\":{"
            "\"city\":{\"type\":\"string\",\"default\":\"Berlin\"}}}},\"type\":\"object\","
            "\"required\":[\"home\"],\"properties\":{\"home\":{\"$ref\":\"#/$defs/"
            "addr\"},\"extra\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}"
            "}}");
        QTest::newRow("no properties") << QByteArray("{\"type\":\"object\"}");
        QTest::newRow("malformed")
            << QByteArray("{\"type\":5,\"properties\":[],\"required\":\"x\"}");
        QTest::newRow("ref loop") << QByteArray(
            "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/"
            "a\"}},\"type\":\"object\",\"properties\":{\"p\":{\"$ref\":\"#/$defs/a\"}}}");
        QTest::newRow("self recursive")
            << QByteArray("{\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"child\":{\"$"
                          "ref\":\"#/$defs/node\"}}}},\"$ref\":\"#/$defs/node\"}");
        QTest::newRow("missing ref") << QByteArray(
            "{\"type\":\"object\",\"properties\":{\"p\":{\"$ref\":\"#/$defs/nowhere\"}}}");
    }
    void constructs()
    {
        QFETCH(QByteArray, schema);
        const QJsonObject s = QJsonDocument::fromJson(schema).object();
        ToolForm form(s);
        const SchemaValidator v(s);
        const QJsonObject args = sampleArguments(s, &v);
        form.setValue(args);
        const QJsonObject out = form.value();
        const QByteArray tag(QTest::currentDataTag());
        if (tag == "ref loop" || tag == "missing ref") {
            // The property whose schema leads nowhere is still there to fill in, as JSON.
            const QJsonObject given{{QStringLiteral("p"), QJsonObject{{QStringLiteral("k"), 1}}}};
            form.setValue(given);
            QCOMPARE(form.value(), given);
        } else if (tag == "malformed") {
            // Nothing usable: an empty form that asks for nothing and gives {}.
            QCOMPARE(out, QJsonObject());
            QVERIFY(form.validate());
        } else {
            QVERIFY2(v.isValid(out), qPrintable(QString::fromUtf8(
                                         QJsonDocument(out).toJson(QJsonDocument::Compact))));
        }
    }

    // Choices as MCP elicitation spells them: titled single choice (oneOf of consts),
    // legacy enumNames, and multiple choice (array of enum or anyOf of consts) as a checklist.
    void titledAndMultipleChoices()
    {
        const QJsonObject schema =
            QJsonDocument::fromJson(
                "{\"type\":\"object\",\"properties\":{"
                "\"hero\":{\"type\":\"string\",\"oneOf\":[{\"const\":\"h1\",\"title\":\"Superman\"}"
                ",{\"const\":\"h2\",\"title\":\"Wonder Woman\"}],\"default\":\"h1\"},"
                "\"pet\":{\"type\":\"string\",\"enum\":[\"p1\",\"p2\"],\"enumNames\":[\"Cats\","
                "\"Dogs\"]},"
                "\"fish\":{\"type\":\"array\",\"items\":{\"anyOf\":[{\"const\":\"f1\",\"title\":"
                "\"Tuna\"},{\"const\":\"f2\",\"title\":\"Salmon\"}]},\"default\":[\"f1\"]},"
                "\"tools\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"Guitar\","
                "\"Piano\"]}}}}")
                .object();
        ToolForm form(schema);
        auto *hero = form.findChild<QComboBox *>(QStringLiteral("field_hero"));
        QVERIFY(hero);
        QCOMPARE(hero->currentText(), QStringLiteral("Superman (h1)"));
        QCOMPARE(form.findChild<QComboBox *>(QStringLiteral("field_pet"))->itemText(2),
                 QStringLiteral("Dogs (p2)"));
        auto *fish = form.findChild<QListWidget *>(QStringLiteral("field_fish"));
        QVERIFY(fish);
        QCOMPARE(fish->item(0)->text(), QStringLiteral("Tuna (f1)"));
        QCOMPARE(fish->item(0)->checkState(), Qt::Checked); // its default
        fish->item(1)->setCheckState(Qt::Checked);
        form.findChild<QListWidget *>(QStringLiteral("field_tools"))
            ->item(1)
            ->setCheckState(Qt::Checked);
        hero->setCurrentIndex(1);
        const QJsonObject out = form.value();
        QCOMPARE(out.value(QStringLiteral("hero")).toString(), QStringLiteral("h2"));
        QCOMPARE(out.value(QStringLiteral("fish")).toArray(),
                 (QJsonArray{QStringLiteral("f1"), QStringLiteral("f2")}));
        QCOMPARE(out.value(QStringLiteral("tools")).toArray(), QJsonArray{QStringLiteral("Piano")});
        QVERIFY(form.validate());
        // The fields left alone are answered with their defaults (SEP-1034), others as given.
        const QJsonObject answered =
            applyDefaults(schema, QJsonObject{{QStringLiteral("pet"), QStringLiteral("p1")}});
        QCOMPARE(answered,
                 (QJsonObject{{QStringLiteral("hero"), QStringLiteral("h1")},
                              {QStringLiteral("pet"), QStringLiteral("p1")},
                              {QStringLiteral("fish"), QJsonArray{QStringLiteral("f1")}}}));
    }

    // Arrays of objects (add, remove, reorder) and additionalProperties as key/value rows.
    void objectArraysAndKeyValues()
    {
        const QJsonObject schema =
            QJsonDocument::fromJson(
                "{\"type\":\"object\",\"properties\":{"
                "\"people\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":["
                "\"name\"],"
                "\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"}}}},"
                "\"labels\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}}"
                "}")
                .object();
        ToolForm form(schema);
        const QJsonObject in =
            QJsonDocument::fromJson("{\"people\":[{\"name\":\"Ada\",\"age\":36},{\"name\":\"Lin\"}]"
                                    ",\"labels\":{\"a\":1,\"b\":2}}")
                .object();
        form.setValue(in);
        QCOMPARE(form.value(), in);
        QVERIFY(form.validate());
        // Reorder and remove through the buttons.
        QList<QPushButton *> downs;
        for (QPushButton *b : form.findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Down"))
                downs.append(b);
        QVERIFY(!downs.isEmpty());
        QTest::mouseClick(downs.first(), Qt::LeftButton);
        QCOMPARE(form.value()
                     .value(QStringLiteral("people"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("Lin"));
        auto *add = form.findChild<QPushButton *>(QStringLiteral("addItem"));
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(form.value().value(QStringLiteral("people")).toArray().size(), 3);
        QVERIFY(!form.validate()); // the new person has no name yet
    }

    // What the user typed or pasted in the JSON editor reaches the server unchanged:
    // a string longer than a line edit's default limit (32,767), and one with line breaks.
    void longAndMultilineStringsSurvive()
    {
        ToolForm form(
            QJsonDocument::fromJson("{\"type\":\"object\",\"properties\":{\"message\":{\"type\":"
                                    "\"string\"},\"note\":{\"type\":\"string\"}}}")
                .object());
        const QJsonObject in{
            {QStringLiteral("message"), QString(100000, QLatin1Char('x'))},
            {QStringLiteral("note"), QStringLiteral("first line\nsecond line\ttabbed")}};
        form.setValue(in);
        QCOMPARE(form.value().value(QStringLiteral("message")).toString().size(), 100000);
        QCOMPARE(form.value(), in);
    }

    void hugeEnum()
    {
        QJsonArray values;
        for (int i = 0; i < 20000; ++i)
            values.append(QStringLiteral("value %1").arg(i));
        ToolForm form(QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                  {QStringLiteral("properties"),
                                   QJsonObject{{QStringLiteral("pick"),
                                                QJsonObject{{QStringLiteral("enum"), values}}}}}});
        QVERIFY(form.value().isEmpty()); // "(not set)" until chosen
        // Every choice is offered, the last one too.
        const QJsonObject last{{QStringLiteral("pick"), QStringLiteral("value 19999")}};
        form.setValue(last);
        QCOMPARE(form.value(), last);
    }
};

QTEST_MAIN(TestToolForms)
#include "tst_toolforms.moc"
