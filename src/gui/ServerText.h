// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QTextBrowser>

#include <functional>

class QLabel;
class QPushButton;

namespace mcpdesk {

// Everything a server says is shown as what it is. A label or tooltip left in
// Qt::AutoText would take "<img src=…>", "<!-- … -->" or a style as markup: a
// server could hide part of a tool's description from the person inspecting it,
// or show a local image. Names also show their control characters and
// bidirectional overrides as escapes ("rtl\u202egnp.exe", not "rtlexe.png"),
// for display only: calls, history and copies keep the real name.

// Makes `label` show its text literally.
QLabel *plainLabel(QLabel *label);
// A tooltip that shows `text` literally (Qt takes a tooltip that looks like HTML as HTML).
QString plainToolTip(const QString &text);
// A server's name for an item (tool, prompt, resource, server): as it reads.
QString visibleName(const QString &name);

// Shows a server's Markdown (a tool result, a resource, a prompt, instructions).
// Raw HTML in it is text, not markup (QTextDocument::MarkdownNoHTML). Images, in
// Markdown or otherwise, are not loaded — neither remote nor local files — until
// the person presses "Show images" on this text; until then each is a small
// placeholder, and a bar above the text says how many there are. Links are shown
// and opened only when clicked: an https: address at once, anything else (http:,
// file:, mailto:, a scheme of some app) after the person read its full address and
// agreed.
class ServerTextView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit ServerTextView(QWidget *parent = nullptr);

    // Replaces the text; images are hidden again.
    void setServerMarkdown(const QString &markdown);
    // Plain text, shown as it is.
    void setServerText(const QString &text);
    int imageCount() const { return m_imageCount; }
    bool imagesShown() const { return m_showImages; }
    void showImages();

    // How every view opens a link the person chose (the app: QDesktopServices).
    static void setLinkOpener(std::function<bool(const QUrl &)> opener);

signals:
    // The question before a link that is not https: is opened (for tests).
    void confirmingLink(QWidget *question);

protected:
    QVariant loadResource(int type, const QUrl &name) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void countImages();
    void updateBar();
    void setServerDocument();
    void followLink(const QUrl &url);

    QWidget *m_bar;
    QLabel *m_barText;
    QPushButton *m_showButton;
    QString m_markdown; // the text as given, kept to lay it out again with images
    bool m_isMarkdown = true;
    QTextDocument *m_document = nullptr;
    int m_imageCount = 0;
    bool m_showImages = false;
};

} // namespace mcpdesk
