global using Dapper;
global using Feedback.Data.Connections;
