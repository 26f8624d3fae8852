using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Feedback.Data.Tests;

/// <summary>
/// The schema the db/sqlserver scripts build, read with SQL Server's own parser as the server would apply them in
/// order: each column's type, collation and nullability, and each key, index and constraint by name. No SQL Server
/// runs here; this is how the tests see what a migration does to one.
/// </summary>
sealed class SqlServerSchema
{
    public sealed record Column(string Type, string? Collation, bool Nullable);

    /// <summary>"table.column" to its definition.</summary>
    public Dictionary<string, Column> Columns { get; } = [];

    /// <summary>Constraint or index name to what it is: kind, table, columns and the rest of its definition.</summary>
    public Dictionary<string, string> Objects { get; } = [];

    static readonly string Folder = Path.Combine(RepoFiles.Root, "db", "sqlserver");

    public static IReadOnlyList<string> ScriptNames() =>
        Directory.GetFiles(Folder, "*.sql").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();

    /// <summary>The schema after the scripts for which <paramref name="include"/> holds, in order.</summary>
    public static SqlServerSchema After(Func<string, bool> include)
    {
        var schema = new SqlServerSchema();
        foreach (var name in ScriptNames().Where(include))
        {
            var script = (TSqlScript)new TSql170Parser(true).Parse(new StringReader(File.ReadAllText(Path.Combine(Folder, name))), out var errors);
            errors.ShouldBeEmpty(name);
            foreach (var statement in script.Batches.SelectMany(b => b.Statements))
                schema.Apply(statement);
        }
        return schema;
    }

    void Apply(TSqlStatement statement)
    {
        switch (statement)
        {
            case CreateTableStatement create:
                AddElements(Name(create.SchemaObjectName), create.Definition);
                break;
            case AlterTableAddTableElementStatement add:
                AddElements(Name(add.SchemaObjectName), add.Definition);
                break;
            case AlterTableAlterColumnStatement alter:
            {
                var key = $"{Name(alter.SchemaObjectName)}.{alter.ColumnIdentifier.Value}";
                Columns.ShouldContainKey(key);
                Columns[key] = new Column(Script(alter.DataType), alter.Collation?.Value, alter.AlterTableAlterColumnOption != AlterTableAlterColumnOption.NotNull);
                break;
            }
            case AlterTableDropTableElementStatement drop:
                foreach (var element in drop.AlterTableDropTableElements)
                {
                    if (element.TableElementType == TableElementType.Column) Columns.Remove($"{Name(drop.SchemaObjectName)}.{element.Name.Value}").ShouldBeTrue();
                    else Objects.Remove(element.Name.Value).ShouldBeTrue($"drops {element.Name.Value}, which does not exist");
                }
                break;
            case DropIndexStatement dropIndex:
                foreach (var clause in dropIndex.DropIndexClauses.Cast<DropIndexClause>())
                    Objects.Remove(clause.Index.Value).ShouldBeTrue($"drops index {clause.Index.Value}, which does not exist");
                break;
            case CreateIndexStatement index:
                Define(index.Name.Value, $"{(index.Unique ? "UNIQUE " : "")}{(index.Clustered == true ? "CLUSTERED" : "NONCLUSTERED")} INDEX "
                    + $"{Name(index.OnName)} ({ColumnList(index.Columns)})" + (index.FilterPredicate is null ? "" : $" WHERE {Script(index.FilterPredicate)}"));
                break;
        }
    }

    void AddElements(string table, TableDefinition definition)
    {
        foreach (var column in definition.ColumnDefinitions)
        {
            var nullable = column.Constraints.OfType<NullableConstraintDefinition>().FirstOrDefault()?.Nullable ?? true;
            Columns.Add($"{table}.{column.ColumnIdentifier.Value}", new Column(Script(column.DataType), column.Collation?.Value, nullable));
            foreach (var constraint in column.Constraints.Where(c => c is not NullableConstraintDefinition))
                AddConstraint(table, constraint, column.ColumnIdentifier.Value);
            if (column.DefaultConstraint is { } d) AddConstraint(table, d, column.ColumnIdentifier.Value);
        }
        foreach (var constraint in definition.TableConstraints)
            AddConstraint(table, constraint, null);
    }

    void AddConstraint(string table, ConstraintDefinition constraint, string? ofColumn)
    {
        var name = constraint.ConstraintIdentifier?.Value;
        name.ShouldNotBeNull($"every constraint on {table} is named, so that a later script can drop it");
        string Own(IList<ColumnWithSortOrder> columns) => columns.Count > 0 ? ColumnList(columns) : ofColumn!;
        string OwnIds(IList<Identifier> columns) => columns.Count > 0 ? string.Join(", ", columns.Select(c => c.Value)) : ofColumn!;
        Define(name, constraint switch
        {
            UniqueConstraintDefinition u =>
                $"{(u.IsPrimaryKey ? "PRIMARY KEY" : "UNIQUE")} {((u.Clustered ?? u.IsPrimaryKey) ? "CLUSTERED" : "NONCLUSTERED")} {table} ({Own(u.Columns)})",
            ForeignKeyConstraintDefinition f =>
                $"FOREIGN KEY {table} ({OwnIds(f.Columns)}) REFERENCES {Name(f.ReferenceTableName)} ({string.Join(", ", f.ReferencedTableColumns.Select(c => c.Value))})",
            CheckConstraintDefinition c => $"CHECK {table} {Script(c.CheckCondition)}",
            DefaultConstraintDefinition d => $"DEFAULT {table}.{d.Column?.Value ?? ofColumn} {Script(d.Expression)}",
            _ => throw new InvalidOperationException($"{name}: a {constraint.GetType().Name} the schema reader does not know"),
        });
    }

    void Define(string name, string definition)
    {
        Objects.ContainsKey(name).ShouldBeFalse($"{name} is created twice");
        Objects[name] = definition;
    }

    static string Name(SchemaObjectName name) => name.BaseIdentifier.Value;

    static string ColumnList(IEnumerable<ColumnWithSortOrder> columns) =>
        string.Join(", ", columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value + (c.SortOrder == SortOrder.Descending ? " DESC" : "")));

    static string Script(TSqlFragment fragment)
    {
        new Sql170ScriptGenerator().GenerateScript(fragment, out var text);
        return text;
    }
}
