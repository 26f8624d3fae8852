namespace Feedback.Api;

/// <summary>Route templates, shared by the endpoints and the tests so that no URL is spelled twice.</summary>
static class ApiRoutes
{
    public const string Instruments = "v1/instruments";
    public const string Instrument = "v1/instruments/{code}";
    public const string Client = "v1/clients/{clientId}";
    public const string Episodes = "v1/clients/{clientId}/episodes";
    public const string Episode = "v1/clients/{clientId}/episodes/{episodeId}";
    public const string CloseEpisode = "v1/clients/{clientId}/episodes/{episodeId}/close";
    public const string Administrations = "v1/clients/{clientId}/administrations";
    public const string Administration = "v1/clients/{clientId}/administrations/{id}";
    public const string Progress = "v1/clients/{clientId}/progress";
    public const string ProgressChart = "v1/clients/{clientId}/progress.svg";
    public const string Alerts = "v1/alerts";
    public const string AcknowledgeAlert = "v1/alerts/{id}/acknowledge";
    public const string TenantSettings = "v1/tenant/settings";
    public const string AuditLog = "v1/audit";
    public const string AuditLogPath = "/v1/audit";
    public const string AlertById = "v1/alerts/{id}";
    public const string AdministrationById = "v1/administrations/{id}";
    public const string WebhookEndpoints = "v1/webhooks/endpoints";
    public const string WebhookEndpoint = "v1/webhooks/endpoints/{id}";
    public const string RotateWebhookSecret = "v1/webhooks/endpoints/{id}/rotate-secret";
    public const string TestWebhookEndpoint = "v1/webhooks/endpoints/{id}/test";
    public const string WebhookDeliveries = "v1/webhooks/endpoints/{id}/deliveries";
    public const string RetryWebhookDelivery = "v1/webhooks/deliveries/{deliveryId}/retry";
    public const string WebhookEndpointsPath = "/v1/webhooks/endpoints";
    public static string WebhookEndpointOf(string id) => $"/v1/webhooks/endpoints/{Uri.EscapeDataString(id)}";
    public static string AlertOf(string id) => $"/v1/alerts/{Uri.EscapeDataString(id)}";
    public static string AdministrationByIdOf(string id) => $"/v1/administrations/{Uri.EscapeDataString(id)}";
    public const string TenantSettingsPath = "/v1/tenant/settings";
    public const string TenantPlan = "v1/tenant/measurement-plan";
    public const string TenantPlanPath = "/v1/tenant/measurement-plan";
    public const string ClientPlan = "v1/clients/{clientId}/measurement-plan";
    public const string EpisodePlan = "v1/clients/{clientId}/episodes/{episodeId}/measurement-plan";
    public const string ClientDue = "v1/clients/{clientId}/due";
    public const string Due = "v1/due";
    public const string OutcomeReport = "v1/reports/outcomes";
    public const string OutcomeReportPath = "/v1/reports/outcomes";
    public const string OutcomeReportChart = "v1/reports/outcomes.svg";
    public const string OutcomeReportChartPath = "/v1/reports/outcomes.svg";
    public const string CalibrationReport = "v1/reports/calibration";
    public const string CalibrationReportPath = "/v1/reports/calibration";
    public const string ExportAdministrations = "v1/export/administrations";
    public const string ExportAdministrationsPath = "/v1/export/administrations";
    public const string ImportAdministrations = "v1/import/administrations";
    public const string ImportAdministrationsPath = "/v1/import/administrations";
    public const string DuePath = "/v1/due";
    public static string ClientPlanOf(string clientId) => $"{ClientOf(clientId)}/measurement-plan";
    public static string EpisodePlanOf(string clientId, string episodeId) => $"{EpisodeOf(clientId, episodeId)}/measurement-plan";
    public static string ClientDueOf(string clientId) => $"{ClientOf(clientId)}/due";
    public const string InstrumentsPath = "/v1/instruments";

    public static string ClientOf(string clientId) => $"/v1/clients/{Uri.EscapeDataString(clientId)}";
    public static string EpisodesOf(string clientId) => $"{ClientOf(clientId)}/episodes";
    public static string EpisodeOf(string clientId, string episodeId) => $"{EpisodesOf(clientId)}/{Uri.EscapeDataString(episodeId)}";
    public static string CloseEpisodeOf(string clientId, string episodeId) => $"{EpisodesOf(clientId)}/{Uri.EscapeDataString(episodeId)}/close";
    public static string AdministrationsOf(string clientId) => $"{ClientOf(clientId)}/administrations";
    public static string AdministrationOf(string clientId, string id) => $"{AdministrationsOf(clientId)}/{Uri.EscapeDataString(id)}";
    public const string AlertsPath = "/v1/alerts";
    public static string ProgressOf(string clientId, string instrument) => $"{ClientOf(clientId)}/progress?instrument={Uri.EscapeDataString(instrument)}";
    public static string ProgressChartOf(string clientId, string instrument) => $"{ClientOf(clientId)}/progress.svg?instrument={Uri.EscapeDataString(instrument)}";
    public static string AcknowledgeAlertOf(string id) => $"/v1/alerts/{Uri.EscapeDataString(id)}/acknowledge";
    public static string InstrumentOf(string code) => $"/v1/instruments/{Uri.EscapeDataString(code)}";
}
