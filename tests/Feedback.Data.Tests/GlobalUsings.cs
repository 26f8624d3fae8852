global using Feedback.Data.Connections;
global using Shouldly;
global using Xunit;
global using Dapper;
