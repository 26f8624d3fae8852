global using FastEndpoints;
global using FluentValidation;
global using Feedback.Api.Auth;
global using Feedback.Api.Errors;
global using Feedback.Clinical.Instruments;
global using Feedback.Data.Connections;
