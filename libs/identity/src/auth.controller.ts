import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NoBodyPipe, Public } from '#haven/platform';
import { type AuthenticatedAccount, CurrentAccount } from './auth/authenticated-account.js';
import { LoginResponseDto, RecoverResponseDto, SignupResponseDto } from './dto/account.response.dto.js';
import { ChangePasswordRequestDto } from './dto/change-password.request.dto.js';
import { LoginRequestDto } from './dto/login.request.dto.js';
import { RecoverRequestDto } from './dto/recover.request.dto.js';
import { SignupRequestDto } from './dto/signup.request.dto.js';
import { IdentityService } from './identity.service.js';
import { IpRateLimit } from './throttling/ip-rate-limit.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly ipLimits: IpRateLimit,
  ) {}

  @Public()
  @Post('signup')
  @ApiResponse({ status: 201, type: SignupResponseDto })
  async signup(@Body() body: SignupRequestDto, @Ip() ip: string): Promise<SignupResponseDto> {
    await this.ipLimits.assertWithinLimit('signup', ip);
    const { account, recoveryKey } = await this.identity.signupCoach(body);
    return { coach: { id: account.id, email: account.email, displayName: account.displayName }, recoveryKey };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiResponse({ status: 200, type: LoginResponseDto })
  login(@Body() body: LoginRequestDto, @Ip() ip: string): Promise<LoginResponseDto> {
    return this.identity.login(body, ip);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  logout(@CurrentAccount() caller: AuthenticatedAccount, @Body(NoBodyPipe) _body: unknown): Promise<void> {
    return this.identity.logout(caller);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  changePassword(
    @CurrentAccount() caller: AuthenticatedAccount,
    @Body() body: ChangePasswordRequestDto,
  ): Promise<void> {
    return this.identity.changePassword(caller, body);
  }

  @Public()
  @Post('recover')
  @HttpCode(200)
  @ApiResponse({ status: 200, type: RecoverResponseDto })
  async recover(@Body() body: RecoverRequestDto, @Ip() ip: string): Promise<RecoverResponseDto> {
    await this.ipLimits.assertWithinLimit('recovery', ip);
    return this.identity.recover(body, ip);
  }
}
