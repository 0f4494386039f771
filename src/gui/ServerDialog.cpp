// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ServerDialog.h"

#include "ServerText.h"

#include "protocol/McpSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mcpdesk {

namespace {
QTableWidget *makeTable(const QString &objectName, const QString &keyTitle, QWidget *parent)
{
    auto *t = new QTableWidget(0, 3, parent);
    t->setObjectName(objectName);
    t->setHorizontalHeaderLabels({keyTitle, ServerDialog::tr("Value"), ServerDialog::tr("Secret")});
    t->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    t->verticalHeader()->hide();
    t->setMinimumHeight(90);
    return t;
}

void addRow(QTableWidget *t, const QString &k = QString(), const QString &v = QString(),
            bool secret = false)
{
    const int row = t->rowCount();
    t->insertRow(row);
    t->setItem(row, 0, new QTableWidgetItem(k));
    t->setItem(row, 1, new QTableWidgetItem(v));
    auto *check = new QTableWidgetItem;
    check->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    check->setCheckState(secret ? Qt::Checked : Qt::Unchecked);
    t->setItem(row, 2, check);
}

QWidget *tableWithButtons(QTableWidget *t, QWidget *parent)
{
    auto *w = new QWidget(parent);
    auto *v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(t);
    auto *h = new QHBoxLayout;
    auto *add = new QPushButton(ServerDialog::tr("Add"), w);
    add->setObjectName(t->objectName() + QStringLiteral("Add"));
    auto *remove = new QPushButton(ServerDialog::tr("Remove"), w);
    remove->setObjectName(t->objectName() + QStringLiteral("Remove"));
    h->addWidget(add);
    h->addWidget(remove);
    h->addStretch();
    v->addLayout(h);
    QObject::connect(add, &QPushButton::clicked, t, [t] {
        addRow(t);
        t->editItem(t->item(t->rowCount() - 1, 0));
    });
    QObject::connect(remove, &QPushButton::clicked, t, [t] {
        if (t->currentRow() >= 0)
            t->removeRow(t->currentRow());
    });
    return w;
}
} // namespace

ServerDialog::ServerDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("serverDialog"));
    setWindowTitle(tr("Add server"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_preset->addItems({tr("Custom"), tr("Everything demo"), tr("GitHub"), tr("GitHub hosted MCP"),
                        tr("Notion"), tr("Notion hosted MCP"), tr("X/Twitter")});
    form->addRow(tr("&Preset:"), m_preset);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    form->addRow(tr("&Name:"), m_name);
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    form->addRow(tr("&Description:"), m_description);
    m_transport = new QComboBox(this);
    m_transport->setObjectName(QStringLiteral("transportCombo"));
    m_transport->addItem(tr("Streamable HTTP"), int(TransportKind::StreamableHttp));
    m_transport->addItem(tr("HTTP+SSE (older servers)"), int(TransportKind::LegacySse));
    m_transport->addItem(tr("Local program (stdio)"), int(TransportKind::Stdio));
    form->addRow(tr("&Transport:"), m_transport);
    // Which version of MCP to speak: found out (and remembered), or one only.
    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("protocolCombo"));
    m_protocol->addItem(tr("Find out (recommended)"), QString());
    for (const QString &v :
         McpSession::modernProtocolVersions() + McpSession::supportedProtocolVersions())
        m_protocol->addItem(v, v);
    m_protocol->setToolTip(tr("A server that does not speak the version chosen here is not "
                              "reached: choose one only for a server that needs it"));
    form->addRow(tr("MCP ve&rsion:"), m_protocol);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://example.com/mcp"));
    form->addRow(tr("&URL:"), m_url);
    m_command = new QLineEdit(this);
    m_command->setObjectName(QStringLiteral("commandEdit"));
    m_command->setPlaceholderText(QStringLiteral("npx"));
    form->addRow(tr("&Command:"), m_command);
    m_args = new QLineEdit(this);
    m_args->setObjectName(QStringLiteral("argsEdit"));
    m_args->setPlaceholderText(QStringLiteral("-y @modelcontextprotocol/server-everything stdio"));
    form->addRow(tr("&Arguments:"), m_args);
    m_env = makeTable(QStringLiteral("envTable"), tr("Variable"), this);
    QWidget *envBox = tableWithButtons(m_env, this);
    form->addRow(tr("&Environment:"), envBox);
    m_headers = makeTable(QStringLiteral("headersTable"), tr("Header"), this);
    QWidget *headerBox = tableWithButtons(m_headers, this);
    form->addRow(tr("&Headers:"), headerBox);
    m_auth = new QComboBox(this);
    m_auth->setObjectName(QStringLiteral("authCombo"));
    m_auth->addItems({tr("None"), tr("OAuth (found by the server)"), tr("Provider preset"),
                      tr("OAuth with my own client ID"), tr("Static bearer token")});
    form->addRow(tr("&Sign-in:"), m_auth);
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    m_provider->addItem(QStringLiteral("GitHub"), QStringLiteral("github"));
    m_provider->addItem(QStringLiteral("Notion"), QStringLiteral("notion"));
    m_provider->addItem(QStringLiteral("X/Twitter"), QStringLiteral("x"));
    form->addRow(tr("Pro&vider:"), m_provider);
    m_scopes = new QLineEdit(this);
    m_scopes->setObjectName(QStringLiteral("scopesEdit"));
    m_scopes->setPlaceholderText(tr("space-separated; empty: what the server asks for"));
    form->addRow(tr("Sc&opes:"), m_scopes);
    m_clientId = new QLineEdit(this);
    m_clientId->setObjectName(QStringLiteral("clientIdEdit"));
    form->addRow(tr("Client &ID:"), m_clientId);
    m_clientSecret = new QLineEdit(this);
    m_clientSecret->setObjectName(QStringLiteral("clientSecretEdit"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientSecret->setPlaceholderText(tr("kept in the system keychain"));
    form->addRow(tr("Client s&ecret:"), m_clientSecret);
    m_bearer = new QLineEdit(this);
    m_bearer->setObjectName(QStringLiteral("bearerEdit"));
    m_bearer->setEchoMode(QLineEdit::Password);
    m_bearer->setPlaceholderText(tr("kept in the system keychain"));
    form->addRow(tr("&Token:"), m_bearer);
    auto *caRow = new QWidget(this);
    auto *caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    m_caFile = new QLineEdit(caRow);
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    auto *browse = new QPushButton(tr("Browse…"), caRow);
    browse->setObjectName(QStringLiteral("caBrowseButton"));
    caLayout->addWidget(m_caFile);
    caLayout->addWidget(browse);
    form->addRow(tr("Extra &CA certificate:"), caRow);
    m_enabled = new QCheckBox(tr("Connect when McpDesk starts"), this);
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_enabled->setChecked(true);
    form->addRow(QString(), m_enabled);

    m_httpOnly = {m_url, headerBox, m_auth, caRow};
    m_stdioOnly = {m_command, m_args, envBox};

    m_error = plainLabel(new QLabel(this));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #cf222e"));
    m_error->setWordWrap(true);
    m_testResult = plainLabel(new QLabel(this)); // the server's name and errors, as they are
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setObjectName(QStringLiteral("testButton"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("dialogButtons"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_test);
    bottom->addStretch();
    bottom->addWidget(m_buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_testResult);
    layout->addLayout(bottom);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_preset, &QComboBox::activated, this, [this](int i) { applyPreset(Preset(i)); });
    connect(m_transport, &QComboBox::currentIndexChanged, this, &ServerDialog::updateVisibility);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &ServerDialog::updateVisibility);
    for (QLineEdit *e : {m_name, m_url, m_command, m_args, m_clientId, m_bearer})
        connect(e, &QLineEdit::textChanged, this, &ServerDialog::validate);
    connect(m_test, &QPushButton::clicked, this, &ServerDialog::testConnection);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(
            this, tr("CA certificate"), QString(), tr("Certificates (*.pem *.crt);;All files (*)"));
        if (!f.isEmpty())
            m_caFile->setText(f);
    });
    // Every field is announced by its label (screen readers); buttons by their text.
    for (int row = 0; row < form->rowCount(); ++row) {
        QLayoutItem *label = form->itemAt(row, QFormLayout::LabelRole);
        QLayoutItem *field = form->itemAt(row, QFormLayout::FieldRole);
        if (label && field && label->widget() && field->widget())
            field->widget()->setAccessibleName(qobject_cast<QLabel *>(label->widget())
                                                   ->text()
                                                   .remove(QLatin1Char('&'))
                                                   .remove(QLatin1Char(':'))
                                                   .remove(QChar(0xFF1A))
                                                   .trimmed());
    }
    m_enabled->setAccessibleName(m_enabled->text());
    m_error->setAccessibleName(tr("Problem"));
    m_testResult->setAccessibleName(tr("Test result"));
    updateVisibility();
    resize(560, sizeHint().height());
}

void ServerDialog::updateVisibility()
{
    const bool stdio = TransportKind(m_transport->currentData().toInt()) == TransportKind::Stdio;
    auto *form = qobject_cast<QFormLayout *>(layout()->itemAt(0)->layout());
    for (QWidget *w : m_httpOnly)
        form->setRowVisible(w, !stdio);
    for (QWidget *w : m_stdioOnly)
        form->setRowVisible(w, stdio);
    const int auth = stdio ? 0 : m_auth->currentIndex();
    form->setRowVisible(m_provider, auth == 2);
    form->setRowVisible(m_scopes, auth >= 1 && auth <= 3);
    form->setRowVisible(m_clientId, auth == 2 || auth == 3);
    form->setRowVisible(m_clientSecret, auth == 2 || auth == 3);
    form->setRowVisible(m_bearer, auth == 4);
    validate();
}

QString ServerDialog::validationError() const
{
    if (m_name->text().trimmed().isEmpty())
        return tr("Give the server a name.");
    const auto kind = TransportKind(m_transport->currentData().toInt());
    if (kind == TransportKind::Stdio) {
        if (m_command->text().trimmed().isEmpty())
            return tr("Enter the command that starts the server.");
        return QString();
    }
    const QUrl url(m_url->text().trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty())
        return tr("Enter the server's address, starting with https:// (or http://).");
    if ((m_auth->currentIndex() == 2 || m_auth->currentIndex() == 3) &&
        m_clientId->text().trimmed().isEmpty())
        return tr("Enter the client ID of the app you registered with the provider.");
    if (m_auth->currentIndex() == 4 && m_bearer->text().isEmpty() && m_original.mcpId.isEmpty())
        return tr("Enter the token.");
    return QString();
}

void ServerDialog::validate()
{
    const QString error = validationError();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(error.isEmpty());
    m_test->setEnabled(error.isEmpty());
}

void ServerDialog::fillTable(QTableWidget *table, const QList<QPair<QString, QString>> &rows,
                             const QStringList &secret)
{
    table->setRowCount(0);
    for (const auto &r : rows)
        addRow(table, r.first, r.second, false);
    for (const QString &s : secret)
        addRow(table, s, QString(), true);
}

void ServerDialog::setServer(const ServerConfig &c)
{
    m_original = c;
    setWindowTitle(tr("Edit %1").arg(c.name));
    m_name->setText(c.name);
    m_description->setText(c.description);
    m_transport->setCurrentIndex(m_transport->findData(int(c.type)));
    m_url->setText(c.url.toString());
    m_command->setText(c.command);
    QStringList quoted;
    for (const QString &a : c.args)
        quoted << (a.contains(QLatin1Char(' ')) ? QLatin1Char('\'') + a + QLatin1Char('\'') : a);
    m_args->setText(quoted.join(QLatin1Char(' ')));
    QList<QPair<QString, QString>> env;
    for (auto it = c.env.cbegin(); it != c.env.cend(); ++it)
        env.append({it.key(), it.value()});
    fillTable(m_env, env, c.secretEnv);
    fillTable(m_headers, c.headers, c.secretHeaders);
    switch (c.authMethod) {
    case ServerConfig::AuthMethod::None:
        m_auth->setCurrentIndex(0);
        break;
    case ServerConfig::AuthMethod::Bearer:
        m_auth->setCurrentIndex(4);
        break;
    case ServerConfig::AuthMethod::OAuth2:
        m_auth->setCurrentIndex(!c.provider.isEmpty()                                ? 2
                                : c.authConfig.contains(QStringLiteral("client_id")) ? 3
                                                                                     : 1);
        break;
    }
    m_provider->setCurrentIndex(std::max(0, m_provider->findData(c.provider)));
    m_scopes->setText(c.scopes.join(QLatin1Char(' ')));
    m_clientId->setText(c.authConfig.value(QStringLiteral("client_id")).toString());
    m_caFile->setText(c.authConfig.value(QStringLiteral("ca_file")).toString());
    m_enabled->setChecked(c.enabled);
    // A version McpDesk does not know stays as it was written (and is shown so).
    const QString pin = c.protocolPin();
    const int known = 1 + int(McpSession::modernProtocolVersions().size() +
                              McpSession::supportedProtocolVersions().size());
    while (m_protocol->count() > known)
        m_protocol->removeItem(m_protocol->count() - 1);
    if (!pin.isEmpty() && m_protocol->findData(pin) < 0)
        m_protocol->addItem(tr("%1 (not one McpDesk speaks: detected instead)").arg(pin), pin);
    m_protocol->setCurrentIndex(std::max(0, m_protocol->findData(pin)));
    m_bearer->setPlaceholderText(tr("unchanged (kept in the system keychain)"));
    m_clientSecret->setPlaceholderText(tr("unchanged (kept in the system keychain)"));
    updateVisibility();
}

ServerConfig ServerDialog::server() const
{
    ServerConfig c = m_original;
    c.confirmed = true; // what the person typed (or saw in every field and saved) may run
    c.name = m_name->text().trimmed();
    c.description = m_description->text().trimmed();
    c.type = TransportKind(m_transport->currentData().toInt());
    c.url = QUrl(m_url->text().trimmed());
    c.command = m_command->text().trimmed();
    c.args.clear();
    // The arguments line is split like a shell would, without running one.
    QString cur;
    bool inWord = false;
    QChar quote;
    for (const QChar ch : m_args->text()) {
        if (!quote.isNull()) {
            if (ch == quote)
                quote = QChar();
            else
                cur += ch;
        } else if (ch == QLatin1Char('\'') || ch == QLatin1Char('"')) {
            quote = ch;
            inWord = true;
        } else if (ch.isSpace()) {
            if (inWord)
                c.args << cur;
            cur.clear();
            inWord = false;
        } else {
            cur += ch;
            inWord = true;
        }
    }
    if (inWord)
        c.args << cur;
    c.env.clear();
    c.secretEnv.clear();
    for (int r = 0; r < m_env->rowCount(); ++r) {
        const QString k = m_env->item(r, 0) ? m_env->item(r, 0)->text().trimmed() : QString();
        if (k.isEmpty())
            continue;
        if (m_env->item(r, 2) && m_env->item(r, 2)->checkState() == Qt::Checked)
            c.secretEnv << k;
        else
            c.env.insert(k, m_env->item(r, 1) ? m_env->item(r, 1)->text() : QString());
    }
    c.headers.clear();
    c.secretHeaders.clear();
    for (int r = 0; r < m_headers->rowCount(); ++r) {
        const QString k =
            m_headers->item(r, 0) ? m_headers->item(r, 0)->text().trimmed() : QString();
        if (k.isEmpty())
            continue;
        if (m_headers->item(r, 2) && m_headers->item(r, 2)->checkState() == Qt::Checked)
            c.secretHeaders << k;
        else
            c.headers.append(
                {k, m_headers->item(r, 1) ? m_headers->item(r, 1)->text() : QString()});
    }
    const int auth = c.type == TransportKind::Stdio ? 0 : m_auth->currentIndex();
    c.authMethod = auth == 0   ? ServerConfig::AuthMethod::None
                   : auth == 4 ? ServerConfig::AuthMethod::Bearer
                               : ServerConfig::AuthMethod::OAuth2;
    c.provider = auth == 2 ? m_provider->currentData().toString() : QString();
    c.scopes = m_scopes->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    c.authConfig = QJsonObject();
    if (auth == 2 || auth == 3)
        c.authConfig.insert(QStringLiteral("client_id"), m_clientId->text().trimmed());
    if (!m_caFile->text().trimmed().isEmpty())
        c.authConfig.insert(QStringLiteral("ca_file"), m_caFile->text().trimmed());
    c.enabled = m_enabled->isChecked();
    const QString pin = m_protocol->currentData().toString();
    if (pin.isEmpty())
        c.extraEndpoint.remove(QStringLiteral("protocolVersion"));
    else
        c.extraEndpoint.insert(QStringLiteral("protocolVersion"), pin);
    return c;
}

QHash<QString, QByteArray> ServerDialog::secrets() const
{
    QHash<QString, QByteArray> out;
    // Secret rows: a value typed here replaces the stored one; an empty one keeps it.
    for (QTableWidget *t : {m_env, m_headers}) {
        const QString prefix = t == m_env ? QStringLiteral("env:") : QStringLiteral("header:");
        for (int r = 0; r < t->rowCount(); ++r) {
            if (!t->item(r, 2) || t->item(r, 2)->checkState() != Qt::Checked || !t->item(r, 0))
                continue;
            const QString v = t->item(r, 1) ? t->item(r, 1)->text() : QString();
            if (!v.isEmpty())
                out.insert(prefix + t->item(r, 0)->text().trimmed(), v.toUtf8());
        }
    }
    if (!m_bearer->text().isEmpty())
        out.insert(QStringLiteral("bearer"), m_bearer->text().toUtf8());
    if (!m_clientSecret->text().isEmpty())
        out.insert(QStringLiteral("client_secret"), m_clientSecret->text().toUtf8());
    return out;
}

void ServerDialog::applyPreset(Preset preset)
{
    auto setStdio = [this](const QString &cmd, const QString &args) {
        m_transport->setCurrentIndex(m_transport->findData(int(TransportKind::Stdio)));
        m_command->setText(cmd);
        m_args->setText(args);
    };
    auto setHttp = [this](const QString &url, int auth) {
        m_transport->setCurrentIndex(m_transport->findData(int(TransportKind::StreamableHttp)));
        m_url->setText(url);
        m_auth->setCurrentIndex(auth);
    };
    m_env->setRowCount(0);
    switch (preset) {
    case Custom:
        break;
    case EverythingDemo:
        m_name->setText(tr("Everything demo"));
        setStdio(QStringLiteral("npx"),
                 QStringLiteral("-y @modelcontextprotocol/server-everything stdio"));
        break;
    case GitHub:
        m_name->setText(QStringLiteral("GitHub"));
        setStdio(QStringLiteral("github-mcp-server"), QStringLiteral("stdio"));
        addRow(m_env, QStringLiteral("GITHUB_PERSONAL_ACCESS_TOKEN"), QString(), true);
        break;
    case GitHubHosted:
        m_name->setText(tr("GitHub (hosted)"));
        setHttp(QStringLiteral("https://api.githubcopilot.com/mcp/"),
                3); // no registration: own client ID
        break;
    case Notion:
        m_name->setText(QStringLiteral("Notion"));
        setStdio(QStringLiteral("npx"), QStringLiteral("-y @notionhq/notion-mcp-server"));
        addRow(m_env, QStringLiteral("NOTION_TOKEN"), QString(), true);
        break;
    case NotionHosted:
        m_name->setText(tr("Notion (hosted)"));
        setHttp(QStringLiteral("https://mcp.notion.com/mcp"), 1);
        break;
    case XTwitter:
        m_name->setText(QStringLiteral("X/Twitter"));
        m_transport->setCurrentIndex(m_transport->findData(int(TransportKind::StreamableHttp)));
        m_auth->setCurrentIndex(2);
        m_provider->setCurrentIndex(m_provider->findData(QStringLiteral("x")));
        m_scopes->setText(QStringLiteral("tweet.read users.read offline.access"));
        break;
    }
    m_preset->setCurrentIndex(preset);
    updateVisibility();
}

void ServerDialog::testConnection()
{
    if (m_testSession)
        m_testSession->deleteLater();
    const ServerConfig c = server();
    EndpointSpec spec = c.endpointSpec();
    const auto secrets = this->secrets();
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (it.key().startsWith(QLatin1String("header:")))
            spec.headers.append({it.key().mid(7).toLatin1(), it.value()});
        else if (it.key().startsWith(QLatin1String("env:")))
            spec.command.environment.insert(it.key().mid(4), QString::fromUtf8(it.value()));
        else if (it.key() == QLatin1String("bearer"))
            spec.headers.append(
                {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + it.value()});
    }
    m_testSession = McpSession::create(spec, this);
    m_testSession->setDefaultTimeout(15000);
    m_testResult->setText(tr("Connecting…"));
    m_test->setEnabled(false);
    McpSession *s = m_testSession;
    connect(s, &McpSession::ready, this, [this, s] {
        m_test->setEnabled(true);
        m_testResult->setText(
            tr("Connected to “%1” (protocol %2, %3).")
                .arg(visibleName(s->serverInfo().value(QStringLiteral("name")).toString()),
                     s->protocolVersion(), transportKindName(s->transport()->kind())));
        s->close();
    });
    connect(s, &McpSession::failed, this, [this](const McpError &e) {
        m_test->setEnabled(true);
        m_testResult->setText(e.kind == McpError::Kind::Unauthorized
                                  ? tr("The server answered and needs a sign-in: %1").arg(e.message)
                                  : tr("Could not connect: %1").arg(e.message));
    });
    s->open();
}

} // namespace mcpdesk
