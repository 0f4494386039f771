// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ToolForm.h"

#include "ServerText.h"
#include "util/VisibleText.h"

#include "schema/JsonSchema.h"
#include "schema/SchemaSample.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <limits>
#include <vector>

namespace mcpdesk {

// One editor for one schema node.
struct ToolForm::Field
{
    virtual ~Field() = default;
    virtual std::optional<QJsonValue> value() const = 0;
    virtual void setValue(const QJsonValue &v) = 0;
    virtual void showErrors(const QHash<QString, QString> &) {}
    QWidget *widget = nullptr;
    QLabel *error = nullptr;
    QString path; // JSON pointer of its value
};

namespace {
constexpr int kMaxFormDepth = 12;

struct Context
{
    const SchemaValidator *validator;
    ToolForm *form;
};

QJsonObject deref(const QJsonObject &schema, const Context &ctx, int guard = 0)
{
    if (guard < 16 && schema.contains(QStringLiteral("$ref"))) {
        QJsonObject target =
            ctx.validator->resolve(schema.value(QStringLiteral("$ref")).toString()).toObject();
        QJsonObject merged = deref(target, ctx, guard + 1);
        for (auto it = schema.begin(); it != schema.end(); ++it)
            if (it.key() != QLatin1String("$ref"))
                merged.insert(it.key(), it.value());
        return merged;
    }
    return schema;
}

QString typeName(const QJsonObject &s)
{
    const QJsonValue t = s.value(QStringLiteral("type"));
    if (t.isString())
        return t.toString();
    if (t.isArray())
        for (const QJsonValue &x : t.toArray())
            if (x.toString() != QLatin1String("null"))
                return x.toString();
    if (s.contains(QStringLiteral("properties")))
        return QStringLiteral("object");
    return QString();
}

std::unique_ptr<ToolForm::Field> makeField(const QJsonObject &schema, const QString &path,
                                           const Context &ctx, int depth, QWidget *parent);

QString choiceLabel(const QJsonValue &v, const QString &title)
{
    const QString raw =
        v.isString()
            ? v.toString()
            : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
                  .mid(1)
                  .chopped(1);
    return title.isEmpty() || title == raw ? raw : QStringLiteral("%1 (%2)").arg(title, raw);
}

// A schema that is a choice among fixed values: `enum` (titles from the older
// `enumNames`), `const`, or oneOf/anyOf whose every branch is a `const` (with its
// `title`), as MCP elicitation spells titled choices.
bool fixedChoices(const QJsonObject &s, const Context &ctx, QJsonArray *values, QStringList *labels)
{
    if (s.contains(QStringLiteral("enum"))) {
        *values = s.value(QStringLiteral("enum")).toArray();
        const QJsonArray names = s.value(QStringLiteral("enumNames")).toArray();
        if (names.size() == values->size())
            for (const QJsonValue &n : names)
                labels->append(n.toString());
        return true;
    }
    if (s.contains(QStringLiteral("const"))) {
        *values = QJsonArray{s.value(QStringLiteral("const"))};
        labels->append(s.value(QStringLiteral("title")).toString());
        return true;
    }
    const QJsonArray alternatives = s.contains(QStringLiteral("oneOf"))
                                        ? s.value(QStringLiteral("oneOf")).toArray()
                                        : s.value(QStringLiteral("anyOf")).toArray();
    if (alternatives.isEmpty())
        return false;
    QJsonArray v;
    QStringList l;
    for (const QJsonValue &a : alternatives) {
        const QJsonObject branch = deref(a.toObject(), ctx);
        if (!branch.contains(QStringLiteral("const")))
            return false;
        v.append(branch.value(QStringLiteral("const")));
        l.append(branch.value(QStringLiteral("title")).toString());
    }
    *values = v;
    *labels = l;
    return true;
}

// Anything the form cannot show: JSON for this field alone.
struct JsonField : ToolForm::Field
{
    QPlainTextEdit *edit;
    explicit JsonField(QWidget *parent)
    {
        edit = new QPlainTextEdit(parent);
        edit->setMaximumHeight(80);
        edit->setPlaceholderText(ToolForm::tr("JSON"));
        widget = edit;
    }
    std::optional<QJsonValue> value() const override
    {
        const QString text = edit->toPlainText().trimmed();
        if (text.isEmpty())
            return std::nullopt;
        const QJsonDocument doc =
            QJsonDocument::fromJson((QLatin1Char('[') + text + QLatin1Char(']')).toUtf8());
        if (!doc.isArray() || doc.array().size() != 1)
            return QJsonValue(text); // not JSON: sent as text, and the validator says so
        return doc.array().first();
    }
    void setValue(const QJsonValue &v) override
    {
        edit->setPlainText(
            v.isUndefined()
                ? QString()
                : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
                      .mid(1)
                      .chopped(1));
    }
};

struct TextField : ToolForm::Field
{
    QLineEdit *edit;
    QString type;
    bool required = false; // a required string is sent even when empty
    TextField(const QJsonObject &s, QWidget *parent)
    {
        edit = new QLineEdit(parent);
        edit->setMaxLength(
            std::numeric_limits<int>::max()); // never cut what was pasted (default 32,767)
        type = typeName(s);
        const QString format = s.value(QStringLiteral("format")).toString();
        if (type == QLatin1String("integer"))
            edit->setValidator(new QIntValidator(edit));
        else if (type == QLatin1String("number"))
            edit->setValidator(new QDoubleValidator(edit));
        if (format == QLatin1String("date"))
            edit->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
        else if (format == QLatin1String("date-time"))
            edit->setPlaceholderText(QStringLiteral("YYYY-MM-DDThh:mm:ssZ"));
        else if (format == QLatin1String("email"))
            edit->setPlaceholderText(QStringLiteral("name@example.com"));
        else if (format == QLatin1String("uri"))
            edit->setPlaceholderText(QStringLiteral("https://"));
        if ((type == QLatin1String("integer") || type == QLatin1String("number")) &&
            (s.contains(QStringLiteral("minimum")) || s.contains(QStringLiteral("maximum"))))
            edit->setPlaceholderText(QStringLiteral("%1 … %2").arg(
                s.value(QStringLiteral("minimum")).toVariant().toString(),
                s.value(QStringLiteral("maximum")).toVariant().toString()));
        widget = edit;
    }
    std::optional<QJsonValue> value() const override
    {
        const QString t = edit->text();
        if (t.isEmpty())
            return required && type == QLatin1String("string") && touched
                       ? std::optional<QJsonValue>(QString())
                       : std::nullopt;
        if (type == QLatin1String("integer")) {
            bool ok = false;
            const qint64 n = t.toLongLong(&ok);
            return ok ? QJsonValue(n) : QJsonValue(t);
        }
        if (type == QLatin1String("number")) {
            bool ok = false;
            const double d = QLocale::c().toDouble(t, &ok);
            return ok ? QJsonValue(d) : QJsonValue(t);
        }
        return QJsonValue(t);
    }
    void setValue(const QJsonValue &v) override
    {
        touched = v.isString(); // an explicit "" (from defaults or JSON) stays ""
        edit->setText(v.isString()   ? v.toString()
                      : v.isDouble() ? QJsonValue(v).toVariant().toString()
                                     : QString());
    }
    bool touched = false;
};

struct BoolField : ToolForm::Field
{
    QCheckBox *box;
    bool required;
    BoolField(bool req, QWidget *parent) : required(req)
    {
        box = new QCheckBox(parent);
        box->setTristate(!required); // "not set" for an optional one
        box->setCheckState(required ? Qt::Unchecked : Qt::PartiallyChecked);
        widget = box;
    }
    std::optional<QJsonValue> value() const override
    {
        if (box->checkState() == Qt::PartiallyChecked)
            return std::nullopt;
        return QJsonValue(box->checkState() == Qt::Checked);
    }
    void setValue(const QJsonValue &v) override
    {
        box->setCheckState(v.isBool() ? (v.toBool() ? Qt::Checked : Qt::Unchecked)
                                      : (required ? Qt::Unchecked : Qt::PartiallyChecked));
    }
};

struct ChoiceField : ToolForm::Field
{
    QComboBox *combo;
    QJsonArray values;
    bool optional;
    ChoiceField(const QJsonArray &choices, const QStringList &labels, bool opt, QWidget *parent)
        : values(choices), optional(opt)
    {
        combo = new QComboBox(parent);
        if (optional)
            combo->addItem(ToolForm::tr("(not set)"));
        for (qsizetype i = 0; i < values.size(); ++i)
            combo->addItem(choiceLabel(values.at(i), labels.value(i)));
        widget = combo;
    }
    std::optional<QJsonValue> value() const override
    {
        const int i = combo->currentIndex() - (optional ? 1 : 0);
        if (i < 0 || i >= values.size())
            return std::nullopt;
        return values.at(i);
    }
    void setValue(const QJsonValue &v) override
    {
        for (qsizetype i = 0; i < values.size(); ++i)
            if (jsonEqual(values.at(i), v)) {
                combo->setCurrentIndex(int(i) + (optional ? 1 : 0));
                return;
            }
        combo->setCurrentIndex(0);
    }
};

// An array whose items are choices (enum, or oneOf/anyOf of consts): a checklist.
struct MultiChoiceField : ToolForm::Field
{
    QListWidget *list;
    QJsonArray values;
    MultiChoiceField(const QJsonArray &choices, const QStringList &labels, QWidget *parent)
        : values(choices)
    {
        list = new QListWidget(parent);
        list->setMaximumHeight(110);
        for (qsizetype i = 0; i < values.size(); ++i) {
            auto *item = new QListWidgetItem(choiceLabel(values.at(i), labels.value(i)), list);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
        widget = list;
    }
    std::optional<QJsonValue> value() const override
    {
        QJsonArray out;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->checkState() == Qt::Checked)
                out.append(values.at(i));
        return out.isEmpty() ? std::nullopt : std::optional<QJsonValue>(out);
    }
    void setValue(const QJsonValue &v) override
    {
        const QJsonArray chosen = v.toArray();
        for (int i = 0; i < list->count(); ++i) {
            const bool on = std::any_of(chosen.begin(), chosen.end(), [&](const QJsonValue &c) {
                return jsonEqual(c, values.at(i));
            });
            list->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        }
    }
};

// An array of simple values: a list with add, remove and reorder.
struct ListField : ToolForm::Field
{
    QListWidget *list;
    QString itemType;
    ListField(const QJsonObject &items, QWidget *parent)
    {
        itemType = typeName(items);
        auto *box = new QWidget(parent);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        list = new QListWidget(box);
        list->setMaximumHeight(100);
        v->addWidget(list);
        auto *h = new QHBoxLayout;
        auto *add = new QPushButton(ToolForm::tr("Add"), box);
        auto *remove = new QPushButton(ToolForm::tr("Remove"), box);
        auto *up = new QPushButton(ToolForm::tr("Up"), box);
        auto *down = new QPushButton(ToolForm::tr("Down"), box);
        for (QPushButton *b : {add, remove, up, down})
            h->addWidget(b);
        h->addStretch();
        v->addLayout(h);
        QObject::connect(add, &QPushButton::clicked, list, [this] {
            auto *item = new QListWidgetItem(QString(), list);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
            list->editItem(item);
        });
        QObject::connect(remove, &QPushButton::clicked, list,
                         [this] { delete list->currentItem(); });
        QObject::connect(up, &QPushButton::clicked, list, [this] { move(-1); });
        QObject::connect(down, &QPushButton::clicked, list, [this] { move(1); });
        widget = box;
    }
    void move(int by)
    {
        const int row = list->currentRow();
        if (row < 0 || row + by < 0 || row + by >= list->count())
            return;
        QListWidgetItem *item = list->takeItem(row);
        list->insertItem(row + by, item);
        list->setCurrentRow(row + by);
    }
    std::optional<QJsonValue> value() const override
    {
        if (list->count() == 0)
            return std::nullopt;
        QJsonArray out;
        for (int i = 0; i < list->count(); ++i) {
            const QString t = list->item(i)->text();
            if (itemType == QLatin1String("integer"))
                out.append(t.toLongLong());
            else if (itemType == QLatin1String("number"))
                out.append(QLocale::c().toDouble(t));
            else if (itemType == QLatin1String("boolean"))
                out.append(t == QLatin1String("true"));
            else
                out.append(t);
        }
        return QJsonValue(out);
    }
    void setValue(const QJsonValue &v) override
    {
        list->clear();
        for (const QJsonValue &x : v.toArray()) {
            auto *item =
                new QListWidgetItem(x.isString() ? x.toString() : x.toVariant().toString(), list);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
    }
};

struct ObjectField : ToolForm::Field
{
    std::vector<std::pair<QString, std::unique_ptr<ToolForm::Field>>> children;
    ObjectField(const QJsonObject &s, const QString &p, const Context &ctx, int depth,
                QWidget *parent, bool framed)
    {
        path = p;
        QWidget *box = framed ? static_cast<QWidget *>(new QGroupBox(parent)) : new QWidget(parent);
        auto *form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
        if (!framed)
            form->setContentsMargins(0, 0, 0, 0);
        QStringList required;
        for (const QJsonValue &r : s.value(QStringLiteral("required")).toArray())
            required << r.toString();
        const QJsonObject props = s.value(QStringLiteral("properties")).toObject();
        for (auto it = props.begin(); it != props.end(); ++it) {
            const QJsonObject ps = deref(it.value().toObject(), ctx);
            const bool isRequired = required.contains(it.key());
            auto child = makeField(ps, path + QLatin1Char('/') + it.key(), ctx, depth + 1, box);
            if (auto *t = dynamic_cast<TextField *>(child.get()))
                t->required = isRequired;
            if (auto *b = dynamic_cast<BoolField *>(child.get()); b && isRequired) {
                b->required = true;
                b->box->setTristate(false);
                b->box->setCheckState(Qt::Unchecked);
            }
            QString title = ps.value(QStringLiteral("title")).toString(it.key());
            auto *label = plainLabel(
                new QLabel(visibleText(isRequired ? title + QStringLiteral(" *") : title), box));
            const QString help = ps.value(QStringLiteral("description")).toString();
            child->widget->setObjectName(QStringLiteral("field_") + it.key());
            child->widget->setAccessibleName(title);
            if (!help.isEmpty()) {
                label->setToolTip(plainToolTip(help));
                child->widget->setToolTip(plainToolTip(help));
                child->widget->setAccessibleDescription(help);
            }
            auto *cell = new QWidget(box);
            auto *cv = new QVBoxLayout(cell);
            cv->setContentsMargins(0, 0, 0, 0);
            cv->setSpacing(2);
            child->widget->setParent(cell);
            cv->addWidget(child->widget);
            child->error = plainLabel(new QLabel(cell));
            child->error->setObjectName(QStringLiteral("error_") + it.key());
            child->error->setStyleSheet(QStringLiteral("color: #cf222e"));
            child->error->setWordWrap(true);
            child->error->hide();
            cv->addWidget(child->error);
            form->addRow(label, cell);
            if (ps.contains(QStringLiteral("default")))
                child->setValue(ps.value(QStringLiteral("default")));
            children.emplace_back(it.key(), std::move(child));
        }
        widget = box;
    }
    std::optional<QJsonValue> value() const override
    {
        QJsonObject o;
        for (const auto &[key, child] : children)
            if (const auto v = child->value())
                o.insert(key, *v);
        return QJsonValue(o);
    }
    void setValue(const QJsonValue &v) override
    {
        const QJsonObject o = v.toObject();
        for (const auto &[key, child] : children)
            child->setValue(o.contains(key) ? o.value(key) : QJsonValue(QJsonValue::Undefined));
    }
    void showErrors(const QHash<QString, QString> &errors) override
    {
        for (const auto &[key, child] : children) {
            const QString p = path + QLatin1Char('/') + key;
            QStringList mine;
            for (auto it = errors.cbegin(); it != errors.cend(); ++it)
                if (it.key() == p || (it.key().startsWith(p + QLatin1Char('/')) &&
                                      !dynamic_cast<ObjectField *>(child.get())))
                    mine << it.value();
            if (child->error) {
                child->error->setText(mine.join(QLatin1Char('\n')));
                child->error->setVisible(!mine.isEmpty());
            }
            child->showErrors(errors);
        }
    }
};

// oneOf/anyOf of object shapes: pick the shape, then fill it.
struct ShapeField : ToolForm::Field
{
    QComboBox *shape;
    QStackedWidget *stack;
    std::vector<std::unique_ptr<ToolForm::Field>> shapes;
    ShapeField(const QJsonArray &alternatives, const QString &p, const Context &ctx, int depth,
               QWidget *parent)
    {
        path = p;
        auto *box = new QWidget(parent);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        shape = new QComboBox(box);
        stack = new QStackedWidget(box);
        int n = 0;
        for (const QJsonValue &alt : alternatives) {
            const QJsonObject s = deref(alt.toObject(), ctx);
            shape->addItem(
                s.value(QStringLiteral("title")).toString(ToolForm::tr("Shape %1").arg(++n)));
            auto f = std::make_unique<ObjectField>(s, p, ctx, depth + 1, stack, true);
            stack->addWidget(f->widget);
            shapes.push_back(std::move(f));
        }
        QObject::connect(shape, &QComboBox::currentIndexChanged, stack,
                         &QStackedWidget::setCurrentIndex);
        v->addWidget(shape);
        v->addWidget(stack);
        widget = box;
    }
    std::optional<QJsonValue> value() const override
    {
        return shapes.empty() ? std::nullopt : shapes.at(size_t(shape->currentIndex()))->value();
    }
    void setValue(const QJsonValue &v) override
    {
        if (!shapes.empty())
            shapes.at(size_t(shape->currentIndex()))->setValue(v);
    }
    void showErrors(const QHash<QString, QString> &e) override
    {
        if (!shapes.empty())
            shapes.at(size_t(shape->currentIndex()))->showErrors(e);
    }
};

// An array of objects: one sub-form per item, with add, remove and reorder.
struct ObjectListField : ToolForm::Field
{
    QJsonObject itemSchema;
    Context ctx;
    int depth;
    QWidget *entriesBox;
    QVBoxLayout *entries;
    std::vector<std::pair<QWidget *, std::unique_ptr<ObjectField>>> items;
    ObjectListField(const QJsonObject &items_, const QString &p, const Context &c, int d,
                    QWidget *parent)
        : itemSchema(items_), ctx(c), depth(d)
    {
        path = p;
        auto *box = new QWidget(parent);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        entriesBox = new QWidget(box);
        entries = new QVBoxLayout(entriesBox);
        entries->setContentsMargins(0, 0, 0, 0);
        v->addWidget(entriesBox);
        auto *add = new QPushButton(ToolForm::tr("Add"), box);
        add->setObjectName(QStringLiteral("addItem"));
        v->addWidget(add, 0, Qt::AlignLeft);
        QObject::connect(add, &QPushButton::clicked, box, [this] {
            addEntry(QJsonValue(QJsonValue::Undefined));
            emit ctx.form->changed();
        });
        widget = box;
    }
    void addEntry(const QJsonValue &value)
    {
        auto *row = new QWidget(entriesBox);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto f = std::make_unique<ObjectField>(
            itemSchema, path + QLatin1Char('/') + QString::number(items.size()), ctx, depth + 1,
            row, true);
        if (!value.isUndefined())
            f->setValue(value);
        h->addWidget(f->widget, 1);
        auto *buttons = new QVBoxLayout;
        auto *remove = new QPushButton(ToolForm::tr("Remove"), row);
        auto *up = new QPushButton(ToolForm::tr("Up"), row);
        auto *down = new QPushButton(ToolForm::tr("Down"), row);
        for (QPushButton *b : {remove, up, down})
            buttons->addWidget(b);
        buttons->addStretch();
        h->addLayout(buttons);
        entries->addWidget(row);
        ToolForm *form = ctx.form;
        for (QLineEdit *e : row->findChildren<QLineEdit *>())
            QObject::connect(e, &QLineEdit::textChanged, form, &ToolForm::changed);
        for (QComboBox *c : row->findChildren<QComboBox *>())
            QObject::connect(c, &QComboBox::currentIndexChanged, form, &ToolForm::changed);
        QObject::connect(remove, &QPushButton::clicked, row, [this, row] { take(row); });
        QObject::connect(up, &QPushButton::clicked, row, [this, row] { move(row, -1); });
        QObject::connect(down, &QPushButton::clicked, row, [this, row] { move(row, 1); });
        items.emplace_back(row, std::move(f));
    }
    qsizetype indexOf(QWidget *row) const
    {
        for (size_t i = 0; i < items.size(); ++i)
            if (items[i].first == row)
                return qsizetype(i);
        return -1;
    }
    void take(QWidget *row)
    {
        const qsizetype i = indexOf(row);
        if (i < 0)
            return;
        items.erase(items.begin() + i);
        row->deleteLater();
        emit ctx.form->changed();
    }
    void move(QWidget *row, int by)
    {
        const qsizetype i = indexOf(row);
        if (i < 0 || i + by < 0 || i + by >= qsizetype(items.size()))
            return;
        std::swap(items[size_t(i)], items[size_t(i + by)]);
        entries->removeWidget(row);
        entries->insertWidget(int(i + by), row);
        emit ctx.form->changed();
    }
    std::optional<QJsonValue> value() const override
    {
        if (items.empty())
            return std::nullopt;
        QJsonArray out;
        for (const auto &[row, f] : items)
            out.append(f->value().value_or(QJsonValue(QJsonObject())));
        return QJsonValue(out);
    }
    void setValue(const QJsonValue &v) override
    {
        for (auto &[row, f] : items)
            row->deleteLater();
        items.clear();
        for (const QJsonValue &x : v.toArray())
            addEntry(x);
    }
};

// additionalProperties of a simple type: key/value rows.
struct KeyValueField : ToolForm::Field
{
    QTableWidget *table;
    QString valueType;
    KeyValueField(const QJsonObject &valueSchema, QWidget *parent)
    {
        valueType = typeName(valueSchema);
        auto *box = new QWidget(parent);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        table = new QTableWidget(0, 2, box);
        table->setHorizontalHeaderLabels({ToolForm::tr("Key"), ToolForm::tr("Value")});
        table->horizontalHeader()->setStretchLastSection(true);
        table->verticalHeader()->hide();
        table->setMaximumHeight(110);
        v->addWidget(table);
        auto *h = new QHBoxLayout;
        auto *add = new QPushButton(ToolForm::tr("Add"), box);
        auto *remove = new QPushButton(ToolForm::tr("Remove"), box);
        h->addWidget(add);
        h->addWidget(remove);
        h->addStretch();
        v->addLayout(h);
        QObject::connect(add, &QPushButton::clicked, table,
                         [this] { table->insertRow(table->rowCount()); });
        QObject::connect(remove, &QPushButton::clicked, table, [this] {
            if (table->currentRow() >= 0)
                table->removeRow(table->currentRow());
        });
        widget = box;
    }
    std::optional<QJsonValue> value() const override
    {
        QJsonObject out;
        for (int r = 0; r < table->rowCount(); ++r) {
            const QString k = table->item(r, 0) ? table->item(r, 0)->text().trimmed() : QString();
            if (k.isEmpty())
                continue;
            const QString t = table->item(r, 1) ? table->item(r, 1)->text() : QString();
            if (valueType == QLatin1String("integer"))
                out.insert(k, t.toLongLong());
            else if (valueType == QLatin1String("number"))
                out.insert(k, QLocale::c().toDouble(t));
            else if (valueType == QLatin1String("boolean"))
                out.insert(k, t == QLatin1String("true"));
            else
                out.insert(k, t);
        }
        if (out.isEmpty())
            return std::nullopt;
        return QJsonValue(out);
    }
    void setValue(const QJsonValue &v) override
    {
        table->setRowCount(0);
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const int r = table->rowCount();
            table->insertRow(r);
            table->setItem(r, 0, new QTableWidgetItem(it.key()));
            table->setItem(r, 1,
                           new QTableWidgetItem(it.value().isString()
                                                    ? it.value().toString()
                                                    : it.value().toVariant().toString()));
        }
    }
};

std::unique_ptr<ToolForm::Field> makeField(const QJsonObject &raw, const QString &path,
                                           const Context &ctx, int depth, QWidget *parent)
{
    const QJsonObject s = deref(raw, ctx);
    std::unique_ptr<ToolForm::Field> f;
    const QString type = typeName(s);
    const QJsonArray alternatives = s.contains(QStringLiteral("oneOf"))
                                        ? s.value(QStringLiteral("oneOf")).toArray()
                                        : s.value(QStringLiteral("anyOf")).toArray();
    QJsonArray choices;
    QStringList labels;
    if (depth > kMaxFormDepth) {
        f = std::make_unique<JsonField>(parent);
    } else if (fixedChoices(s, ctx, &choices, &labels)) {
        f = std::make_unique<ChoiceField>(choices, labels, !s.contains(QStringLiteral("default")),
                                          parent);
    } else if (!alternatives.isEmpty() &&
               std::all_of(alternatives.begin(), alternatives.end(), [&](const QJsonValue &a) {
                   return typeName(deref(a.toObject(), ctx)) == QLatin1String("object");
               })) {
        f = std::make_unique<ShapeField>(alternatives, path, ctx, depth, parent);
    } else if (type == QLatin1String("string") || type == QLatin1String("number") ||
               type == QLatin1String("integer")) {
        f = std::make_unique<TextField>(s, parent);
    } else if (type == QLatin1String("boolean")) {
        f = std::make_unique<BoolField>(false, parent);
    } else if (type == QLatin1String("array")) {
        const QJsonObject items = deref(s.value(QStringLiteral("items")).toObject(), ctx);
        const QString it = typeName(items);
        if (!items.isEmpty() && fixedChoices(items, ctx, &choices, &labels))
            f = std::make_unique<MultiChoiceField>(choices, labels, parent);
        else if (!items.isEmpty() &&
                 (it == QLatin1String("string") || it == QLatin1String("number") ||
                  it == QLatin1String("integer")) &&
                 !items.contains(QStringLiteral("enum")))
            f = std::make_unique<ListField>(items, parent);
        else if (it == QLatin1String("object") && items.contains(QStringLiteral("properties")))
            f = std::make_unique<ObjectListField>(items, path, ctx, depth, parent);
        else
            f = std::make_unique<JsonField>(parent);
    } else if (type == QLatin1String("object") && s.contains(QStringLiteral("properties")) &&
               !s.value(QStringLiteral("additionalProperties")).isObject()) {
        f = std::make_unique<ObjectField>(s, path, ctx, depth, parent, depth > 0);
    } else if (type == QLatin1String("object") &&
               s.value(QStringLiteral("properties")).toObject().isEmpty() &&
               s.value(QStringLiteral("additionalProperties")).isObject() &&
               QStringList{QStringLiteral("string"), QStringLiteral("number"),
                           QStringLiteral("integer"), QStringLiteral("boolean")}
                   .contains(
                       typeName(s.value(QStringLiteral("additionalProperties")).toObject()))) {
        f = std::make_unique<KeyValueField>(
            s.value(QStringLiteral("additionalProperties")).toObject(), parent);
    } else {
        f = std::make_unique<JsonField>(parent);
    }
    f->path = path;
    QObject::connect(ctx.form, &QObject::destroyed, [] {});
    return f;
}
} // namespace

ToolForm::ToolForm(const QJsonObject &schema, QWidget *parent)
    : QWidget(parent), m_validator(std::make_unique<SchemaValidator>(schema))
{
    setObjectName(QStringLiteral("toolForm"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const Context ctx{m_validator.get(), this};
    QJsonObject root = deref(schema, ctx);
    if (typeName(root).isEmpty())
        root.insert(QStringLiteral("type"), QStringLiteral("object"));
    m_root = std::make_unique<ObjectField>(root, QString(), ctx, 0, this, false);
    layout->addWidget(m_root->widget);
    if (root.value(QStringLiteral("properties")).toObject().isEmpty()) {
        auto *none = new QLabel(tr("This tool takes no arguments."), this);
        none->setObjectName(QStringLiteral("noArguments"));
        layout->addWidget(none);
    }
    layout->addStretch();
    // Every editor reports its changes.
    for (QLineEdit *e : findChildren<QLineEdit *>())
        connect(e, &QLineEdit::textChanged, this, &ToolForm::changed);
    for (QComboBox *c : findChildren<QComboBox *>())
        connect(c, &QComboBox::currentIndexChanged, this, &ToolForm::changed);
    for (QCheckBox *c : findChildren<QCheckBox *>())
        connect(c, &QCheckBox::stateChanged, this, &ToolForm::changed);
    for (QPlainTextEdit *p : findChildren<QPlainTextEdit *>())
        connect(p, &QPlainTextEdit::textChanged, this, &ToolForm::changed);
    for (QListWidget *l : findChildren<QListWidget *>()) {
        connect(l->model(), &QAbstractItemModel::dataChanged, this, &ToolForm::changed);
        connect(l->model(), &QAbstractItemModel::rowsRemoved, this, &ToolForm::changed);
        connect(l->model(), &QAbstractItemModel::rowsMoved, this, &ToolForm::changed);
    }
}

ToolForm::~ToolForm() = default;

QJsonObject ToolForm::value() const
{
    return m_root->value().value_or(QJsonValue(QJsonObject())).toObject();
}

void ToolForm::setValue(const QJsonObject &value)
{
    m_root->setValue(value);
}

bool ToolForm::validate()
{
    const auto errors = m_validator->validate(value());
    QHash<QString, QString> byPath;
    m_errors.clear();
    for (const auto &e : errors) {
        // "required" errors belong to the missing field, not to its parent.
        QString p = e.path;
        if (!e.missing.isEmpty())
            p += QLatin1Char('/') + e.missing;
        byPath.insert(p, byPath.contains(p) ? byPath.value(p) + QLatin1Char('\n') + e.message
                                            : e.message);
        m_errors << (p.isEmpty() ? e.message : p.mid(1) + QStringLiteral(": ") + e.message);
    }
    m_root->showErrors(byPath);
    return errors.isEmpty();
}

} // namespace mcpdesk
