// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "TokensDialog.h"

#include "servers/ServerManager.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mcpdesk {

TokensDialog::TokensDialog(ServerManager *manager, QWidget *parent)
    : QDialog(parent), m_manager(manager)
{
    setObjectName(QStringLiteral("tokensDialog"));
    m_table = new QTableWidget(0, 8, this);
    m_table->setObjectName(QStringLiteral("tokensTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_claims = new QPlainTextEdit(this);
    m_claims->setObjectName(QStringLiteral("tokenClaims"));
    m_claims->setReadOnly(true);
    m_claims->setMaximumHeight(140);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("tokensNote"));
    m_note->setWordWrap(true);
    m_refresh = new QPushButton(this);
    m_refresh->setObjectName(QStringLiteral("refreshTokenButton"));
    m_signOut = new QPushButton(this);
    m_signOut->setObjectName(QStringLiteral("signOutButton"));
    m_reveal = new QPushButton(this);
    m_reveal->setObjectName(QStringLiteral("revealTokenButton"));
    m_copy = new QPushButton(this);
    m_copy->setObjectName(QStringLiteral("copyTokenButton"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_refresh, m_signOut, m_reveal, m_copy})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    layout->addWidget(m_note);
    layout->addWidget(m_claims);
    resize(860, 420);

    connect(m_manager, &ServerManager::serverChanged, this, &TokensDialog::rebuild);
    connect(m_manager, &ServerManager::listChanged, this, &TokensDialog::rebuild);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        m_claims->clear();
        updateButtons();
    });
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        if (OAuthClient *o = m_manager->oauth(selectedId()))
            o->refresh();
    });
    connect(m_signOut, &QPushButton::clicked, this, [this] { m_manager->signOut(selectedId()); });
    connect(m_reveal, &QPushButton::clicked, this, [this] {
        OAuthClient *o = m_manager->oauth(selectedId());
        if (!o)
            return;
        const QByteArray token = o->accessToken();
        const QString claims = decodeJwtClaims(token);
        m_claims->setPlainText(claims.isEmpty()
                                   ? QString::fromUtf8(token)
                                   : QString::fromUtf8(token) + QStringLiteral("\n\n") + claims);
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        if (OAuthClient *o = m_manager->oauth(selectedId()))
            QGuiApplication::clipboard()->setText(QString::fromUtf8(o->accessToken()));
    });
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &TokensDialog::tick);
    m_timer.start();
    retranslate();
    rebuild();
}

QString TokensDialog::decodeJwtClaims(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return QString();
    const QByteArray payload = QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding);
    const QJsonDocument doc = QJsonDocument::fromJson(payload);
    return doc.isObject() ? QString::fromUtf8(doc.toJson(QJsonDocument::Indented)) : QString();
}

QString TokensDialog::selectedId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString()
                          : m_table->item(rows.first().row(), 0)->data(Qt::UserRole).toString();
}

void TokensDialog::retranslate()
{
    setWindowTitle(tr("Sign-ins"));
    m_table->setHorizontalHeaderLabels({tr("Server"), tr("Issuer"), tr("Scopes asked"),
                                        tr("Scopes granted"), tr("Expires in"), tr("Refresh token"),
                                        tr("Last refresh"), tr("Account")});
    m_table->setAccessibleName(tr("Sign-ins"));
    m_claims->setAccessibleName(tr("Token"));
    m_refresh->setText(tr("Refresh now"));
    m_signOut->setText(tr("Sign out"));
    m_reveal->setText(tr("Reveal token"));
    m_copy->setText(tr("Copy token"));
    m_note->setText(
        tr("Tokens are kept in the system keychain. Sign out also revokes the sign-in where the "
           "server allows it."));
}

void TokensDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        rebuild();
    }
    QDialog::changeEvent(event);
}

void TokensDialog::rebuild()
{
    const QString keep = selectedId();
    m_table->setRowCount(0);
    for (const QString &id : m_manager->ids()) {
        OAuthClient *o = m_manager->oauth(id);
        if (!o || !o->tokenInfo().signedIn)
            continue;
        const auto t = o->tokenInfo();
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *name = new QTableWidgetItem(m_manager->server(id)->config.name);
        name->setData(Qt::UserRole, id);
        m_table->setItem(row, 0, name);
        m_table->setItem(row, 1, new QTableWidgetItem(t.issuer));
        m_table->setItem(row, 2, new QTableWidgetItem(t.scopesRequested.join(QLatin1Char(' '))));
        m_table->setItem(row, 3, new QTableWidgetItem(t.scopesGranted.join(QLatin1Char(' '))));
        auto *expires = new QTableWidgetItem;
        expires->setData(Qt::UserRole, t.expiresAt);
        m_table->setItem(row, 4, expires);
        m_table->setItem(row, 5, new QTableWidgetItem(t.hasRefreshToken ? tr("yes") : tr("no")));
        m_table->setItem(row, 6,
                         new QTableWidgetItem(t.lastRefresh.isValid()
                                                  ? QLocale().toString(t.lastRefresh.toLocalTime(),
                                                                       QLocale::ShortFormat)
                                                  : tr("never")));
        // The account, when the token says (a JWT's subject).
        const QJsonObject claims =
            QJsonDocument::fromJson(decodeJwtClaims(o->accessToken()).toUtf8()).object();
        m_table->setItem(row, 7,
                         new QTableWidgetItem(
                             claims.value(QStringLiteral("sub")).toString(QStringLiteral("—"))));
        if (id == keep)
            m_table->selectRow(row);
    }
    if (selectedId().isEmpty() && m_table->rowCount() > 0)
        m_table->selectRow(0);
    tick();
    m_table->resizeColumnsToContents();
    updateButtons();
}

void TokensDialog::tick()
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *item = m_table->item(row, 4);
        const QDateTime at = item->data(Qt::UserRole).toDateTime();
        if (!at.isValid()) {
            item->setText(tr("no expiry"));
            continue;
        }
        const qint64 secs = QDateTime::currentDateTimeUtc().secsTo(at);
        item->setText(
            secs <= 0 ? tr("expired")
            : secs < 120
                ? tr("%n s", nullptr, int(secs))
                : tr("%1 min %2 s").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0')));
    }
}

void TokensDialog::updateButtons()
{
    OAuthClient *o = m_manager->oauth(selectedId());
    const bool has = o && o->tokenInfo().signedIn;
    m_refresh->setEnabled(has && o->tokenInfo().hasRefreshToken);
    m_signOut->setEnabled(has);
    m_reveal->setEnabled(has);
    m_copy->setEnabled(has);
}

} // namespace mcpdesk
