// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "SettingsDialog.h"

#include "AppSettings.h"
#include "MainWindow.h"
#include "auth/SecretStore.h"
#include "protocol/McpSession.h"
#include "servers/ServerManager.h"
#include "util/DataFolder.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace mcpdesk {

SettingsDialog::SettingsDialog(MainWindow *window, ServerManager *manager)
    : QDialog(window), m_window(window), m_manager(manager)
{
    setObjectName(QStringLiteral("settingsDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(QString(), QString()); // the system's, named in retranslate()
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(
        std::max(0, m_language->findData(QSettings().value(QStringLiteral("language")))));
    form->addRow(QStringLiteral("-"), m_language);

    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    for (const char *t : {"system", "light", "dark"})
        m_theme->addItem(QString(), QString::fromLatin1(t));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(appsettings::theme())));
    form->addRow(QStringLiteral("-"), m_theme);

    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("defaultProtocolCombo"));
    m_protocol->addItem(QString(), QString());
    for (const QString &v :
         McpSession::modernProtocolVersions() + McpSession::supportedProtocolVersions())
        m_protocol->addItem(v, v);
    m_protocol->setCurrentIndex(
        std::max(0, m_protocol->findData(m_manager->defaultProtocolVersion())));
    form->addRow(QStringLiteral("-"), m_protocol);

    // The proxy: the system's, none, or one of the person's own.
    auto *proxyBox = new QWidget(this);
    auto *proxyLayout = new QVBoxLayout(proxyBox);
    proxyLayout->setContentsMargins(0, 0, 0, 0);
    m_proxyMode = new QButtonGroup(this);
    for (const char *mode : {"system", "none", "manual"}) {
        auto *b = new QRadioButton(proxyBox);
        b->setObjectName(QStringLiteral("proxy_") + QLatin1String(mode));
        b->setProperty("mode", QString::fromLatin1(mode));
        m_proxyMode->addButton(b);
        proxyLayout->addWidget(b);
    }
    m_manual = new QWidget(proxyBox);
    auto *manual = new QFormLayout(m_manual);
    manual->setContentsMargins(24, 0, 0, 0);
    m_host = new QLineEdit(m_manual);
    m_host->setObjectName(QStringLiteral("proxyHost"));
    m_port = new QSpinBox(m_manual);
    m_port->setObjectName(QStringLiteral("proxyPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(3128);
    m_user = new QLineEdit(m_manual);
    m_user->setObjectName(QStringLiteral("proxyUser"));
    m_password = new QLineEdit(m_manual);
    m_password->setObjectName(QStringLiteral("proxyPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    manual->addRow(QStringLiteral("-"), m_host);
    manual->addRow(QStringLiteral("-"), m_port);
    manual->addRow(QStringLiteral("-"), m_user);
    manual->addRow(QStringLiteral("-"), m_password);
    proxyLayout->addWidget(m_manual);
    m_proxyNote = new QLabel(proxyBox);
    m_proxyNote->setObjectName(QStringLiteral("proxyNote"));
    m_proxyNote->setWordWrap(true);
    proxyLayout->addWidget(m_proxyNote);
    form->addRow(QStringLiteral("-"), proxyBox);

    const appsettings::Proxy saved = appsettings::proxy();
    for (QAbstractButton *b : m_proxyMode->buttons())
        b->setChecked(b->property("mode").toString() == saved.mode);
    m_host->setText(saved.host);
    if (saved.port > 0)
        m_port->setValue(saved.port);
    m_user->setText(saved.user);
    if (saved.mode == QLatin1String("manual") && !saved.user.isEmpty() && m_manager->secrets()) {
        // Shown as dots; read so that an unchanged form applies the same password.
        m_manager->secrets()->read(
            appsettings::proxyPasswordKey(),
            [self = QPointer<SettingsDialog>(this)](std::optional<QByteArray> p, const QString &) {
                if (self && p && !self->m_passwordEdited)
                    self->m_password->setText(QString::fromUtf8(*p));
            });
    }
    m_manual->setEnabled(saved.mode == QLatin1String("manual"));

    auto *dataRow = new QWidget(this);
    auto *dataLayout = new QHBoxLayout(dataRow);
    dataLayout->setContentsMargins(0, 0, 0, 0);
    m_dataFolder = new QLabel(QDir::toNativeSeparators(dataFolder()), dataRow);
    m_dataFolder->setObjectName(QStringLiteral("dataFolder"));
    m_dataFolder->setTextFormat(Qt::PlainText);
    m_dataFolder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *openData = new QPushButton(dataRow);
    openData->setObjectName(QStringLiteral("openDataFolder"));
    dataLayout->addWidget(m_dataFolder, 1);
    dataLayout->addWidget(openData);
    form->addRow(QStringLiteral("-"), dataRow);

    auto *buttons = new QDialogButtonBox(this);
    auto *close = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("closeButton"));
    layout->addWidget(buttons);

    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this] { m_window->setLanguage(m_language->currentData().toString()); });
    connect(m_theme, &QComboBox::currentIndexChanged, this,
            [this] { appsettings::setTheme(m_theme->currentData().toString()); });
    connect(m_protocol, &QComboBox::currentIndexChanged, this, [this] {
        const QString v = m_protocol->currentData().toString();
        appsettings::setDefaultProtocol(v);
        m_manager->setDefaultProtocolVersion(v);
    });
    connect(m_proxyMode, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool on) {
        if (on)
            proxyChanged();
    });
    for (QLineEdit *e : {m_host, m_user, m_password})
        connect(e, &QLineEdit::editingFinished, this, &SettingsDialog::proxyChanged);
    connect(m_password, &QLineEdit::textEdited, this, [this] { m_passwordEdited = true; });
    connect(m_port, &QSpinBox::editingFinished, this, &SettingsDialog::proxyChanged);
    connect(openData, &QPushButton::clicked, this, [] {
        QDir().mkpath(dataFolder());
        QDesktopServices::openUrl(QUrl::fromLocalFile(dataFolder()));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslate();
}

void SettingsDialog::proxyChanged()
{
    appsettings::Proxy p;
    if (QAbstractButton *b = m_proxyMode->checkedButton())
        p.mode = b->property("mode").toString();
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.user = m_user->text().trimmed();
    m_manual->setEnabled(p.mode == QLatin1String("manual"));
    if (p.mode == QLatin1String("manual") && p.host.isEmpty()) {
        m_proxyNote->setText(tr("Enter the proxy's host name."));
        return; // the previous way stays until this one is whole
    }
    m_proxyNote->setText(p.mode == QLatin1String("manual")
                             ? tr("Used for the next connection to a server (never for servers on "
                                  "this computer).")
                             : QString());
    appsettings::setProxy(p);
    const QByteArray password = m_password->text().toUtf8();
    appsettings::applyProxy(p, p.user.isEmpty() ? QByteArray() : password);
    if (SecretStore *secrets = m_manager->secrets()) {
        // The password in the keychain only (never in the settings file).
        if (p.mode == QLatin1String("manual") && !p.user.isEmpty() && !password.isEmpty())
            secrets->write(appsettings::proxyPasswordKey(), password, [](bool, const QString &) {});
        else if (p.user.isEmpty())
            secrets->remove(appsettings::proxyPasswordKey(), [](bool, const QString &) {});
    }
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("Settings"));
    auto *form = static_cast<QFormLayout *>(layout()->itemAt(0)->layout());
    const QStringList labels{tr("&Language:"), tr("&Theme:"), tr("MCP &version:"), tr("&Proxy:"),
                             tr("Data folder:")};
    for (int r = 0; r < form->rowCount() && r < labels.size(); ++r)
        if (auto *l = qobject_cast<QLabel *>(form->itemAt(r, QFormLayout::LabelRole)->widget()))
            l->setText(labels.at(r));
    m_language->setItemText(0, tr("System language"));
    m_theme->setItemText(0, tr("As the system"));
    m_theme->setItemText(1, tr("Light"));
    m_theme->setItemText(2, tr("Dark"));
    m_protocol->setItemText(0, tr("Find out (recommended)"));
    m_protocol->setToolTip(tr("Asked for where a server's own settings name no version; a server "
                              "that does not speak it is not reached"));
    const QStringList modes{tr("&System settings"), tr("&No proxy"), tr("Th&is proxy:")};
    const auto buttons = m_proxyMode->buttons();
    for (int i = 0; i < buttons.size() && i < modes.size(); ++i)
        buttons.at(i)->setText(modes.at(i));
    auto *manual = static_cast<QFormLayout *>(m_manual->layout());
    const QStringList manualLabels{tr("&Host:"), tr("P&ort:"), tr("&User name:"), tr("Pass&word:")};
    for (int r = 0; r < manual->rowCount() && r < manualLabels.size(); ++r)
        if (auto *l = qobject_cast<QLabel *>(manual->itemAt(r, QFormLayout::LabelRole)->widget()))
            l->setText(manualLabels.at(r));
    m_password->setToolTip(tr("Kept in the system keychain"));
    if (auto *open = findChild<QPushButton *>(QStringLiteral("openDataFolder")))
        open->setText(tr("Op&en"));
    if (auto *close = findChild<QPushButton *>(QStringLiteral("closeButton")))
        close->setText(tr("&Close"));
    if (isVisible()) {
        layout()->activate(); // labels of another length: laid out now, not on the next event
        resize(size().expandedTo(sizeHint()));
    }
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace mcpdesk
