// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ServerDelegate.h"

#include "Roles.h"
#include "protocol/ServerState.h"

#include <QApplication>
#include <QIcon>
#include <QMouseEvent>
#include <QPainter>

namespace mcpdesk {

QColor ServerDelegate::stateColor(int state)
{
    switch (ServerState(state)) {
    case ServerState::Connected:
        return QColor(0x2e, 0xa0, 0x43);
    case ServerState::Connecting:
        return QColor(0xd2, 0x99, 0x22);
    case ServerState::NeedsSignIn:
        return QColor(0x1f, 0x6f, 0xeb);
    case ServerState::Error:
        return QColor(0xcf, 0x22, 0x2e);
    case ServerState::Disabled:
    case ServerState::Disconnected:
        break;
    }
    return QColor(0x8c, 0x95, 0x9f);
}

QRect ServerDelegate::switchRect(const QStyleOptionViewItem &option)
{
    const int size = option.fontMetrics.height();
    return QRect(option.rect.right() - size - 10, option.rect.center().y() - size / 2, size, size);
}

QSize ServerDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int line = option.fontMetrics.height();
    return QSize(220, line * 2 + 16);
}

void ServerDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.features &= ~QStyleOptionViewItem::HasCheckIndicator;
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(10, 8, -10, -8);
    const int line = option.fontMetrics.height();
    const int dot = line / 2 + 2;
    painter->setPen(Qt::NoPen);
    painter->setBrush(stateColor(index.data(StateRole).toInt()));
    painter->drawEllipse(QRect(r.left(), r.top() + (line - dot) / 2, dot, dot));

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorRole text = selected ? QPalette::HighlightedText : QPalette::Text;
    const QRect sw = switchRect(option);
    int textLeft = r.left() + dot + 10;
    // The server's own icon, when it gave one McpDesk may show.
    if (const QIcon icon = qvariant_cast<QIcon>(index.data(ServerIconRole)); !icon.isNull()) {
        icon.paint(painter, QRect(textLeft, r.top(), line, line));
        textLeft += line + 6;
    }
    const int textWidth = sw.left() - 8 - textLeft;
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(option.palette.color(QPalette::Active, text));
    painter->drawText(
        QRect(textLeft, r.top(), textWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(bold).elidedText(index.data(NameRole).toString(), Qt::ElideRight, textWidth));
    painter->setFont(option.font);
    QColor second = option.palette.color(QPalette::Active, text);
    if (!selected)
        second.setAlphaF(0.7);
    painter->setPen(second);
    painter->drawText(QRect(textLeft, r.top() + line + 2, textWidth, line),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(index.data(SecondLineRole).toString(),
                                                    Qt::ElideRight, textWidth));
    painter->restore();

    // The enable switch.
    QStyleOptionButton check;
    check.rect = sw;
    check.state = QStyle::State_Enabled |
                  (index.data(EnabledRole).toBool() ? QStyle::State_On : QStyle::State_Off);
    style->drawPrimitive(QStyle::PE_IndicatorCheckBox, &check, painter, opt.widget);
}

bool ServerDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                 const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        auto *me = static_cast<QMouseEvent *>(event);
        if (switchRect(option).contains(me->position().toPoint())) {
            const bool on = index.data(EnabledRole).toBool();
            return model->setData(index, on ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
        }
    }
    if (event->type() == QEvent::KeyPress) {
        auto *ke = static_cast<QKeyEvent *>(event);
        if (ke->key() == Qt::Key_Space) {
            const bool on = index.data(EnabledRole).toBool();
            return model->setData(index, on ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace mcpdesk
