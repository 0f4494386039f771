// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ServerText.h"

#include "util/VisibleText.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextImageFormat>

namespace mcpdesk {

namespace {
std::function<bool(const QUrl &)> &linkOpener()
{
    static std::function<bool(const QUrl &)> opener;
    return opener;
}
} // namespace

void ServerTextView::setLinkOpener(std::function<bool(const QUrl &)> opener)
{
    linkOpener() = std::move(opener);
}

QLabel *plainLabel(QLabel *label)
{
    label->setTextFormat(Qt::PlainText);
    return label;
}

QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return text;
    // As rich text whose every character is escaped: shown literally, with its line
    // breaks, and wrapped like any other tooltip.
    return Qt::convertFromPlainText(visibleText(text), Qt::WhiteSpaceNormal);
}

QString visibleName(const QString &name)
{
    return visibleField(name);
}

ServerTextView::ServerTextView(QWidget *parent) : QTextBrowser(parent)
{
    setOpenExternalLinks(false);
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, &ServerTextView::followLink);
    m_bar = new QWidget(this);
    m_bar->setObjectName(QStringLiteral("imagesBar"));
    m_bar->setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(m_bar);
    layout->setContentsMargins(6, 2, 6, 2);
    m_barText = plainLabel(new QLabel(m_bar));
    m_barText->setObjectName(QStringLiteral("imagesNote"));
    m_showButton = new QPushButton(m_bar);
    m_showButton->setObjectName(QStringLiteral("showImagesButton"));
    layout->addWidget(m_barText, 1);
    layout->addWidget(m_showButton);
    connect(m_showButton, &QPushButton::clicked, this, &ServerTextView::showImages);
    m_bar->hide();
}

void ServerTextView::setServerMarkdown(const QString &markdown)
{
    m_showImages = false;
    m_markdown = visibleText(markdown); // control characters and bidi overrides as escapes
    m_isMarkdown = true;
    setServerDocument();
    countImages();
}

void ServerTextView::setServerText(const QString &text)
{
    m_showImages = false;
    m_markdown = visibleText(text);
    m_isMarkdown = false;
    setServerDocument();
    countImages();
}

void ServerTextView::setServerDocument()
{
    auto *doc = new QTextDocument(this);
    doc->setDefaultFont(font());
    // loadResource() is the view's: the document asks it for every image.
    setDocument(doc);
    if (m_isMarkdown)
        doc->setMarkdown(m_markdown,
                         QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                         QTextDocument::MarkdownNoHTML));
    else
        doc->setPlainText(m_markdown);
    if (m_document)
        m_document->deleteLater();
    m_document = doc;
}

void ServerTextView::showImages()
{
    if (m_showImages)
        return;
    m_showImages = true;
    // Lay the same text out again (the placeholders were kept as the documents'
    // resources: a new document asks for each image anew).
    const int scroll = verticalScrollBar()->value();
    setServerDocument();
    verticalScrollBar()->setValue(scroll);
    updateBar();
}

void ServerTextView::countImages()
{
    int n = 0;
    for (QTextBlock b = document()->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().isImageFormat())
                n += it.fragment().length();
    m_imageCount = n;
    updateBar();
}

void ServerTextView::updateBar()
{
    const bool show = m_imageCount > 0 && !m_showImages;
    m_barText->setText(tr("%n image(s) in this text not loaded.", nullptr, m_imageCount));
    m_showButton->setText(tr("Show images"));
    m_bar->setVisible(show);
    const int h = show ? m_bar->sizeHint().height() : 0;
    setViewportMargins(0, h, 0, 0);
    m_bar->setGeometry(frameWidth(), frameWidth(), width() - 2 * frameWidth(), h);
}

void ServerTextView::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    if (m_bar->isVisible())
        m_bar->setGeometry(frameWidth(), frameWidth(), width() - 2 * frameWidth(),
                           m_bar->sizeHint().height());
}

void ServerTextView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        updateBar();
    QTextBrowser::changeEvent(event);
}

void ServerTextView::followLink(const QUrl &url)
{
    if (url.isRelative()) {
        if (url.hasFragment() && url.path().isEmpty())
            scrollToAnchor(url.fragment()); // within this text
        return;                             // nothing else to resolve it against
    }
    const auto &open = linkOpener();
    if (!open)
        return;
    if (url.scheme() == QLatin1String("https")) {
        open(url);
        return;
    }
    // Any other scheme may run something or reach a local file: its whole address
    // first, as it reads (no hidden characters), then the person's word.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Open this address?"),
                                tr("The server's text links to an address that is not a "
                                   "secure web page. Open it?"),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("linkConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(visibleText(url.toString(QUrl::FullyEncoded)));
    box->setTextFormat(Qt::PlainText);
    auto *openButton = box->addButton(tr("Open"), QMessageBox::AcceptRole);
    openButton->setObjectName(QStringLiteral("openLinkButton"));
    auto *cancelButton = box->addButton(tr("Cancel"), QMessageBox::RejectRole);
    cancelButton->setObjectName(QStringLiteral("cancelLinkButton"));
    box->setDefaultButton(cancelButton);
    connect(box, &QMessageBox::buttonClicked, this, [url, openButton](QAbstractButton *b) {
        if (b == openButton && linkOpener())
            linkOpener()(url);
    });
    box->open();
    emit confirmingLink(box);
}

QVariant ServerTextView::loadResource(int type, const QUrl &name)
{
    if (type != QTextDocument::ImageResource)
        return QVariant(); // no style sheets or other documents from anywhere
    if (m_showImages)
        return QTextBrowser::loadResource(type, name);
    // A placeholder: a framed box the size of a small icon, nothing fetched or read.
    const int s = fontMetrics().height();
    QImage placeholder(s * 2, s * 3 / 2, QImage::Format_ARGB32_Premultiplied);
    placeholder.fill(Qt::transparent);
    QPainter p(&placeholder);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(placeholder.rect().adjusted(0, 0, -1, -1));
    p.drawLine(2, placeholder.height() - 3, placeholder.width() / 2, placeholder.height() / 3);
    p.drawLine(placeholder.width() / 2, placeholder.height() / 3, placeholder.width() - 3,
               placeholder.height() - 3);
    return placeholder;
}

} // namespace mcpdesk
