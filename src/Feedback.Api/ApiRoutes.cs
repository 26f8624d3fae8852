namespace Feedback.Api;

/// <summary>
/// Route templates, shared by the endpoints and the tests so that no URL is spelled twice: each template is its parent's
/// plus one segment, each path ("/v1/...") is its template with a leading slash, and each "...Of" fills its template.
/// ApiRoutesTests holds every literal here to one segment.
/// </summary>
static class ApiRoutes
{
    const string V1 = "v1";

    public const string Instruments = V1 + "/instruments";
    public const string Instrument = Instruments + "/{code}";

    const string Clients = V1 + "/clients";
    public const string Client = Clients + "/{clientId}";
    public const string Episodes = Client + "/episodes";
    public const string Episode = Episodes + "/{episodeId}";
    public const string CloseEpisode = Episode + "/close";
    public const string Administrations = Client + "/administrations";
    public const string Administration = Administrations + "/{id}";
    public const string Progress = Client + "/progress";
    public const string ProgressChart = Progress + ".svg";
    public const string ClientPlan = Client + MeasurementPlan;
    public const string EpisodePlan = Episode + MeasurementPlan;
    public const string ClientDue = Client + DueSegment;

    public const string Alerts = V1 + "/alerts";
    public const string AlertById = Alerts + "/{id}";
    public const string AcknowledgeAlert = AlertById + "/acknowledge";
    const string AllAdministrations = V1 + "/administrations";
    public const string AdministrationById = AllAdministrations + "/{id}";
    public const string Due = V1 + DueSegment;

    const string Tenant = V1 + "/tenant";
    public const string TenantSettings = Tenant + "/settings";
    public const string TenantPlan = Tenant + MeasurementPlan;
    public const string AuditLog = V1 + "/audit";

    const string Webhooks = V1 + "/webhooks";
    public const string WebhookEndpoints = Webhooks + "/endpoints";
    public const string WebhookEndpoint = WebhookEndpoints + "/{id}";
    public const string RotateWebhookSecret = WebhookEndpoint + "/rotate-secret";
    public const string TestWebhookEndpoint = WebhookEndpoint + "/test";
    public const string WebhookDeliveries = WebhookEndpoint + "/deliveries";
    const string WebhookDelivery = Webhooks + "/deliveries" + "/{deliveryId}";
    public const string RetryWebhookDelivery = WebhookDelivery + "/retry";

    /// <summary>Every report's route starts here (the audit records a report's query).</summary>
    public const string Reports = V1 + "/reports";
    public const string OutcomeReport = Reports + "/outcomes";
    public const string OutcomeReportChart = OutcomeReport + ".svg";
    public const string CalibrationReport = Reports + "/calibration";
    /// <summary>Every export's route starts here (the audit records an export's query).</summary>
    public const string Export = V1 + "/export";
    public const string ExportAdministrations = Export + "/administrations";
    const string Import = V1 + "/import";
    public const string ImportAdministrations = Import + "/administrations";

    const string MeasurementPlan = "/measurement-plan";
    const string DueSegment = "/due";

    public const string InstrumentsPath = "/" + Instruments;
    public const string AlertsPath = "/" + Alerts;
    public const string DuePath = "/" + Due;
    public const string TenantSettingsPath = "/" + TenantSettings;
    public const string TenantPlanPath = "/" + TenantPlan;
    public const string AuditLogPath = "/" + AuditLog;
    public const string WebhookEndpointsPath = "/" + WebhookEndpoints;
    public const string OutcomeReportPath = "/" + OutcomeReport;
    public const string OutcomeReportChartPath = "/" + OutcomeReportChart;
    public const string CalibrationReportPath = "/" + CalibrationReport;
    public const string ExportAdministrationsPath = "/" + ExportAdministrations;
    public const string ImportAdministrationsPath = "/" + ImportAdministrations;

    public static string InstrumentOf(string code) => PathOf(Instrument, code);
    public static string ClientOf(string clientId) => PathOf(Client, clientId);
    public static string EpisodesOf(string clientId) => PathOf(Episodes, clientId);
    public static string EpisodeOf(string clientId, string episodeId) => PathOf(Episode, clientId, episodeId);
    public static string CloseEpisodeOf(string clientId, string episodeId) => PathOf(CloseEpisode, clientId, episodeId);
    public static string AdministrationsOf(string clientId) => PathOf(Administrations, clientId);
    public static string AdministrationOf(string clientId, string id) => PathOf(Administration, clientId, id);
    public static string ProgressOf(string clientId, string instrument) => PathOf(Progress, clientId) + InstrumentQuery(instrument);
    public static string ProgressChartOf(string clientId, string instrument) => PathOf(ProgressChart, clientId) + InstrumentQuery(instrument);
    public static string ClientPlanOf(string clientId) => PathOf(ClientPlan, clientId);
    public static string EpisodePlanOf(string clientId, string episodeId) => PathOf(EpisodePlan, clientId, episodeId);
    public static string ClientDueOf(string clientId) => PathOf(ClientDue, clientId);
    public static string AlertOf(string id) => PathOf(AlertById, id);
    public static string AcknowledgeAlertOf(string id) => PathOf(AcknowledgeAlert, id);
    public static string AdministrationByIdOf(string id) => PathOf(AdministrationById, id);
    public static string WebhookEndpointOf(string id) => PathOf(WebhookEndpoint, id);

    static string InstrumentQuery(string instrument) => "?instrument=" + Uri.EscapeDataString(instrument);

    /// <summary>The template's path with its parameters, in order, replaced by the escaped values.</summary>
    static string PathOf(string template, params string[] values)
    {
        var path = new System.Text.StringBuilder("/");
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{') { path.Append(template[i]); continue; }
            path.Append(Uri.EscapeDataString(values[next++]));
            i = template.IndexOf('}', i);
        }
        if (next != values.Length) throw new ArgumentException($"{template} takes {next} values, not {values.Length}.", nameof(values));
        return path.ToString();
    }
}
