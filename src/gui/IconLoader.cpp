// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "IconLoader.h"

#include "AppStyle.h"
#include "Roles.h"
#include "ServerText.h"
#include "protocol/IconRules.h"
#include "transport/HttpClient.h"

#include <QApplication>
#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QJsonObject>
#include <QListWidget>
#include <QPalette>
#include <QPixmap>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

namespace mcpdesk {

namespace {
constexpr int Side = 64; // drawn at most this large: 16–32 px, twice on HiDPI
constexpr int FetchTimeoutMs = 15000;

bool darkPalette()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

bool webpReadable()
{
    static const bool yes = QImageReader::supportedImageFormats().contains("webp");
    return yes;
}
} // namespace

IconLoader::IconLoader(const QString &cacheDir, QObject *parent)
    : QObject(parent),
      m_cacheDir(cacheDir.isEmpty()
                     ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                           QStringLiteral("/icons")
                     : cacheDir)
{
}

IconLoader::~IconLoader() = default;

IconLoader *IconLoader::shared()
{
    static QPointer<IconLoader> loader;
    if (!loader)
        loader = new IconLoader(QString(), qApp);
    return loader;
}

namespace {
QString withProblem(const QString &tip, const IconLoader::Result &r)
{
    if (r.isServers())
        return plainToolTip(tip);
    return plainToolTip(tip + (tip.isEmpty() ? QString() : QStringLiteral("\n\n")) +
                        IconLoader::tr("Icon: %1").arg(r.problem));
}
} // namespace

void IconLoader::showIn(QListWidget *list, const QJsonObject &item, const QUrl &server)
{
    const QString name = item.value(QStringLiteral("name")).toString();
    const QString tip = item.value(QStringLiteral("description")).toString();
    shared()->load(item.value(QStringLiteral("icons")).toArray(), server, list,
                   [list = QPointer<QListWidget>(list), name, tip](const Result &r) {
                       for (int i = 0; list && i < list->count(); ++i) {
                           QListWidgetItem *it = list->item(i);
                           if (it->data(Qt::UserRole).toString() != name)
                               continue;
                           it->setIcon(r.icon);
                           it->setData(IconProblemRole, r.problem);
                           it->setToolTip(withProblem(tip, r));
                       }
                   });
}

void IconLoader::showIn(QTreeWidget *tree, const QJsonObject &item, const QUrl &server, int role,
                        const QString &key)
{
    const QString id = item.value(key).toString();
    const QString tip = item.value(key).toString();
    shared()->load(item.value(QStringLiteral("icons")).toArray(), server, tree,
                   [tree = QPointer<QTreeWidget>(tree), id, tip, role, key](const Result &r) {
                       if (!tree)
                           return;
                       for (QTreeWidgetItemIterator it(tree); *it; ++it) {
                           if ((*it)->data(0, role).toJsonValue().toObject().value(key) != id)
                               continue;
                           (*it)->setIcon(0, r.icon);
                           (*it)->setData(0, IconProblemRole, r.problem);
                           (*it)->setToolTip(0, withProblem(tip, r));
                       }
                   });
}

QIcon IconLoader::fallback()
{
    return appIcon(QStringLiteral("mcpdesk"));
}

QString IconLoader::cachePath(const QUrl &url) const
{
    return m_cacheDir + QLatin1Char('/') +
           QString::fromLatin1(
               QCryptographicHash::hash(url.toEncoded(), QCryptographicHash::Sha256).toHex());
}

IconLoader::Result IconLoader::decode(const QByteArray &bytes)
{
    QByteArray format;
    const QString why = icons::refusedImage(bytes, webpReadable(), &format);
    if (!why.isEmpty())
        return {fallback(), why};
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, format);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > 4096 || size.height() > 4096))
        return {fallback(), tr("The icon is %1×%2 pixels; McpDesk draws none larger than "
                               "4096×4096.")
                                .arg(size.width())
                                .arg(size.height())};
    if (size.isValid())
        reader.setScaledSize(size.scaled(Side, Side, Qt::KeepAspectRatio));
    else
        reader.setScaledSize(QSize(Side, Side));
    const QImage image = reader.read();
    if (image.isNull())
        return {fallback(), tr("The icon could not be read: %1").arg(reader.errorString())};
    return {QIcon(QPixmap::fromImage(image)), QString()};
}

void IconLoader::load(const QJsonArray &list, const QUrl &server, QObject *context, Done done)
{
    const QJsonObject chosen = icons::pick(list, darkPalette());
    if (chosen.isEmpty())
        return;
    const QUrl url(chosen.value(QStringLiteral("src")).toString());
    const QString key = url.toString();
    if (auto it = m_known.constFind(key); it != m_known.constEnd()) {
        done(*it);
        return;
    }
    if (const QString why = icons::refusedSource(url, server); !why.isEmpty()) {
        done({fallback(), why}); // not kept: another server may be its origin
        return;
    }
    if (url.scheme() == QLatin1String("data")) {
        QString why;
        const QByteArray bytes = icons::dataUriBytes(url, &why);
        const Result r = why.isEmpty() ? decode(bytes) : Result{fallback(), why};
        m_known.insert(key, r);
        done(r);
        return;
    }
    // Kept on disk from an earlier fetch (checked again: the rules may have changed).
    QFile kept(cachePath(url));
    if (kept.open(QIODevice::ReadOnly)) {
        const Result r = decode(kept.read(icons::MaxBytes + 1));
        if (r.isServers()) {
            m_known.insert(key, r);
            done(r);
            return;
        }
    }
    m_waiting[key].append({context, std::move(done)});
    if (m_waiting[key].size() == 1)
        fetch(url, server);
}

void IconLoader::fetch(const QUrl &url, const QUrl &server)
{
    const QString key = url.toString();
    const QString origin = server
                               .adjusted(QUrl::RemovePath | QUrl::RemoveQuery |
                                         QUrl::RemoveFragment | QUrl::RemoveUserInfo)
                               .toString();
    if (++m_fetchesPerOrigin[origin] > icons::MaxFetchesPerServer) {
        settle(key, {fallback(), tr("The server gives more than %1 icons; the rest are not "
                                    "fetched.")
                                     .arg(icons::MaxFetchesPerServer)});
        return;
    }
    if (!m_http)
        m_http = std::make_unique<HttpClient>();
    HttpRequest req;
    req.url = url;
    req.totalTimeoutMs = FetchTimeoutMs;
    req.maxBodyBytes = icons::MaxBytes;
    req.headers.append({QByteArrayLiteral("Accept"),
                        QByteArrayLiteral("image/png, image/jpeg, image/svg+xml, image/webp")});
    // Redirects stay on the icon's own origin (HttpClient's default).
    HttpReply *reply = m_http->send(std::move(req));
    connect(reply, &HttpReply::finished, this, [this, reply, url, key] {
        reply->deleteLater();
        emit fetched(url);
        if (reply->error() == HttpReply::Error::Protocol && reply->status() == 200) {
            settle(key,
                   {fallback(), tr("The icon is larger than %1 KB.").arg(icons::MaxBytes / 1024)});
            return;
        }
        if (reply->error() != HttpReply::Error::None || reply->status() != 200) {
            settle(key, {fallback(),
                         reply->status() > 0
                             ? tr("The server answered HTTP %1 for the icon.").arg(reply->status())
                             : tr("The icon could not be fetched: %1").arg(reply->errorString())});
            return;
        }
        const QByteArray bytes = reply->readAll();
        const Result r = decode(bytes);
        if (r.isServers() && QDir().mkpath(m_cacheDir)) {
            QSaveFile out(cachePath(url));
            if (out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size())
                out.commit();
        }
        settle(key, r);
    });
}

void IconLoader::settle(const QString &key, const Result &result)
{
    m_known.insert(key, result);
    const QList<Waiter> waiting = m_waiting.take(key);
    for (const Waiter &w : waiting)
        if (w.context)
            w.done(result);
}

} // namespace mcpdesk
