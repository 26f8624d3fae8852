global using Feedback.Clinical.Instruments;
global using Feedback.Clinical.Scoring;
global using Shouldly;
global using Xunit;
