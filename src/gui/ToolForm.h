// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QFormLayout;
class QLabel;

namespace mcpdesk {

class SchemaValidator;

// A form generated from a JSON Schema (a tool's inputSchema): one typed editor
// per property — text (by format), numbers with bounds, check boxes, choices for
// enum/const, a shape selector for oneOf/anyOf of objects, lists for arrays of
// simple values, nested groups for objects — defaults filled, required fields
// marked, descriptions as help. What the form cannot show gets a JSON editor for
// that field alone. Errors from the validator appear next to their field.
class ToolForm : public QWidget
{
    Q_OBJECT
public:
    struct Field;

    explicit ToolForm(const QJsonObject &schema, QWidget *parent = nullptr);
    ~ToolForm() override;

    // The arguments as entered (fields left empty are left out).
    QJsonObject value() const;
    void setValue(const QJsonObject &value);
    // Checks against the schema; shows each error by its field. True if valid.
    bool validate();
    QStringList errors() const { return m_errors; }

signals:
    void changed();

private:
    std::unique_ptr<SchemaValidator> m_validator;
    std::unique_ptr<Field> m_root;
    QStringList m_errors;
};

} // namespace mcpdesk
