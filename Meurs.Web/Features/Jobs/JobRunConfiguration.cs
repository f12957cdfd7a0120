using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Jobs;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> run)
    {
        run.ToTable("JobRuns");
        run.HasKey(r => r.Id);
        run.Property(r => r.JobName).HasMaxLength(JobRun.JobNameMaxLength);
        // By name: a row stays readable in the database and survives reordering the enum.
        run.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.Error).HasMaxLength(JobRun.ErrorMaxLength);
        // SQLite hands DateTime back with Kind Unspecified; these are UTC and the page prints them as such.
        run.Property(r => r.StartedAt).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        // The admin page asks for each job's latest run and for the latest runs overall.
        run.HasIndex(r => new { r.JobName, r.StartedAt });
        run.HasIndex(r => r.StartedAt);
    }
}
