global using Feedback.Clinical.Instruments;
global using Feedback.Clinical.Scoring;
global using Feedback.Clinical.Trajectories;
global using Feedback.Clinical.Alerts;
global using Shouldly;
global using Xunit;
global using System.Globalization;
